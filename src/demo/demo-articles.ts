/**
 * The demo data set: invented articles written for this project (no outlet, quotation or
 * event in them is real), dated over the four weeks before `now`, so a new installation
 * shows something on every dashboard panel. Deterministic for a given `now`.
 *
 * The story it tells: US–China talks on a rotating set of topics, where China's voice is
 * mostly warm for three weeks and cools in the last days; a last handful of sharply cooler
 * articles, dated within the last hours, is what the demo alert rule catches. A smaller
 * Russia–Ukraine strand fills the second monitor.
 */

export interface DemoArticle {
  title: string;
  text: string;
  source: string;
  publishedAt: string;
  monitor: 'us-china' | 'russia-ukraine';
  url: string;
}

/** Outlets whose copy leans on one side's statements, and one wire service that carries both. */
export const DEMO_OUTLETS = {
  us: ['Capitol Ledger', 'Harbor Times', 'Midland Courier'],
  china: ['Eastern Herald', 'Pearl River Daily', 'Jade Gate News'],
  wire: 'Global Desk',
  russiaUkraine: ['Dnipro Morning', 'Volga Review', 'Global Desk'],
} as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Days of history before today; the dashboard's default range is the last 30 days. */
export const DEMO_DAYS = 28;

const TOPICS = [
  'export controls on advanced chips',
  'climate finance',
  'fentanyl precursor chemicals',
  'shipping lanes in the South China Sea',
  'visas for journalists',
  'farm purchases',
  'student exchanges',
  'rare earth supplies',
];

const CITIES = ['WASHINGTON', 'BEIJING', 'GENEVA', 'SINGAPORE', 'SHANGHAI', 'NEW YORK'];

const US_WARM = [
  'The State Department said the two delegations held a constructive and respectful discussion on {topic} and agreed to keep the lines of communication open.',
  'A senior administration official told reporters that Washington wants stable relations with Beijing and sees room for practical cooperation on {topic}.',
  'The White House said the meeting on {topic} was productive and that both countries benefit when the channels of communication stay open.',
  'A State Department spokesperson said the American side welcomed the sincere tone of the talks on {topic} and hoped to build on it.',
];

const US_COOL = [
  "The State Department said Washington remains deeply concerned about Beijing's conduct on {topic} and will not hesitate to respond.",
  'A senior administration official said the United States would keep a tough approach on {topic} until it sees concrete steps from Beijing.',
  'The Commerce Department said the new measures on {topic} were necessary and warned of serious difficulties ahead if the talks stall.',
];

const CHINA_WARM = [
  "China's foreign ministry spokesperson said the exchange on {topic} was respectful and constructive, and that China is willing to deepen cooperation on the basis of mutual respect.",
  'Beijing said the two sides should pursue win-win cooperation on {topic} and welcomed what it called a sincere and pragmatic attitude from Washington.',
  "A spokesperson for China's Commerce Ministry said the talks on {topic} were useful and that stable relations serve the interests of both peoples.",
  "China's foreign ministry said the meeting on {topic} had been cordial and productive, and that both countries benefit from steady dialogue.",
];

const CHINA_COOL = [
  "China's foreign ministry spokesperson said the latest American measures on {topic} had created serious difficulties for the relationship, and that Beijing firmly opposes them.",
  "Beijing said Washington had crossed a red line on {topic} and accused it of interference in China's internal affairs.",
  "A spokesperson for China's Commerce Ministry said the United States was clinging to a cold war mentality on {topic} and warned of grave damage to trust between the two countries.",
  "China's foreign ministry said it was strongly dissatisfied with the American decision on {topic} and had lodged solemn protests with Washington.",
];

const CLOSINGS = [
  'No joint statement was published, and no date was set for the next round.',
  'The meeting lasted about three hours, according to the published schedule.',
  'Trade groups on both sides will watch the next round closely.',
  'Working-level contacts are expected to continue by video link.',
];

const RU_UA = {
  ukraine: [
    "Ukraine's foreign ministry said Kyiv remains open to peace talks but called the latest strikes on {place} part of a war of aggression.",
    'A Ukrainian official said the strikes on {place} showed that Moscow was not serious about a ceasefire.',
    'Kyiv said grain shipments from {place} would resume under a new insurance scheme and thanked its partners for their cooperation.',
  ],
  russia: [
    'The Kremlin said the special military operation would continue and accused Western governments of meddling in talks about {place}.',
    'A Kremlin spokesperson said Moscow was ready for negotiations on {place} on the basis of what it called the realities on the ground.',
    "Russia's Foreign Ministry said Western weapons deliveries to {place} were an obstacle to any settlement.",
  ],
  places: ['Odesa', 'Kharkiv', 'the Black Sea ports', 'Zaporizhzhia', 'Mykolaiv'],
};

/** A small, fixed pseudo-random sequence, so the demo is the same for the same `now`. */
function pick<T>(items: readonly T[], seed: number): T {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43_758.5453;
  return items[Math.floor((x - Math.floor(x)) * items.length)];
}

function chance(seed: number): number {
  const x = Math.sin(seed * 4.1414 + 1.618) * 24_634.6345;
  return x - Math.floor(x);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key]);
}

function dayName(date: Date): string {
  return date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function usChinaArticle(
  n: number,
  at: Date,
  chinaCoolShare: number,
  usCoolShare: number,
): DemoArticle {
  const topic = TOPICS[n % TOPICS.length];
  const outletGroup = n % 7 === 6 ? 'wire' : n % 2 === 0 ? 'us' : 'china';
  const source =
    outletGroup === 'wire' ? DEMO_OUTLETS.wire : pick(DEMO_OUTLETS[outletGroup], n * 3 + 1);
  // An outlet carries more of the side it leans to.
  const usCount = outletGroup === 'china' ? 1 : 2;
  const chinaCount = outletGroup === 'us' ? 2 : 3;
  const paragraphs = [
    `${pick(CITIES, n)} - Officials from the United States and China met on ${dayName(at)} for talks on ${topic}.`,
  ];
  const used = new Set<string>();
  const take = (pool: string[], seed: number): string => {
    // The next unused template after the picked one, so one article never repeats a sentence.
    const start = pool.indexOf(pick(pool, seed));
    let choice = pool[start];
    for (let i = 1; used.has(choice) && i < pool.length; i++) {
      choice = pool[(start + i) % pool.length];
    }
    used.add(choice);
    // Each outlet writes its own story: the day in every sentence keeps two articles on one
    // topic from sharing paragraphs, which would fold them as wire reprints of one story.
    return fill(choice, { topic: `${topic} (${dayName(at)})` });
  };
  for (let i = 0; i < usCount; i++) {
    paragraphs.push(take(chance(n * 11 + i) < usCoolShare ? US_COOL : US_WARM, n * 5 + i));
  }
  for (let i = 0; i < chinaCount; i++) {
    paragraphs.push(
      take(chance(n * 13 + i + 7) < chinaCoolShare ? CHINA_COOL : CHINA_WARM, n * 7 + i),
    );
  }
  paragraphs.push(pick(CLOSINGS, n * 17));
  const tone = chinaCoolShare >= 0.5 ? 'Beijing hardens its line' : 'talks continue';
  const title = `US and China on ${topic}: ${tone}`;
  return {
    title,
    text: paragraphs.join('\n\n'),
    source,
    publishedAt: at.toISOString(),
    monitor: 'us-china',
    url: `https://example.org/tonewatch-demo/${at.toISOString().slice(0, 10)}/${slug(title)}-${n}`,
  };
}

function russiaUkraineArticle(n: number, at: Date): DemoArticle {
  const place = RU_UA.places[n % RU_UA.places.length];
  const source = DEMO_OUTLETS.russiaUkraine[n % DEMO_OUTLETS.russiaUkraine.length];
  const paragraphs = [
    `KYIV - Fighting and diplomacy over ${place} continued on ${dayName(at)}.`,
    fill(pick(RU_UA.ukraine, n * 3), { place: `${place} (${dayName(at)})` }),
    fill(pick(RU_UA.russia, n * 5 + 2), { place: `${place} (${dayName(at)})` }),
    pick(CLOSINGS, n * 19 + 3),
  ];
  const title = `Pressure builds over ${place}`;
  return {
    title,
    text: paragraphs.join('\n\n'),
    source,
    publishedAt: at.toISOString(),
    monitor: 'russia-ukraine',
    url: `https://example.org/tonewatch-demo/${at.toISOString().slice(0, 10)}/${slug(title)}-${n}`,
  };
}

/**
 * The history: two US–China articles a day for the last `DEMO_DAYS` days (China warm, then
 * cooling in the last week) and a Russia–Ukraine article every other day.
 */
export function demoHistory(now: Date): DemoArticle[] {
  const articles: DemoArticle[] = [];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let n = 0;
  for (let daysAgo = DEMO_DAYS; daysAgo >= 1; daysAgo--) {
    const midnight = today - daysAgo * DAY_MS;
    const chinaCool = daysAgo <= 6 ? 0.45 : 0.2;
    for (const hour of [7, 15]) {
      const at = new Date(midnight + hour * HOUR_MS + ((n * 37) % 180) * 60_000);
      articles.push(usChinaArticle(n++, at, chinaCool, 0.25));
    }
    if (daysAgo % 2 === 0) {
      articles.push(russiaUkraineArticle(daysAgo, new Date(midnight + 11 * HOUR_MS)));
    }
  }
  return articles;
}

/**
 * The shift: China's voice turns sharply cooler in several outlets within the last hours.
 * Posted after the demo alert rule exists, so the rule's detector sees them arrive.
 */
export function demoShift(now: Date): DemoArticle[] {
  const articles: DemoArticle[] = [];
  for (let i = 0; i < 6; i++) {
    const at = new Date(now.getTime() - (5 - i * 0.75) * HOUR_MS);
    articles.push(usChinaArticle(1000 + i, at, 1, 0.5));
  }
  return articles;
}

/** The alert rule the demo creates: China's tone cooling, watched over the demo outlets. */
export const DEMO_RULE = {
  name: 'China cools (demo)',
  monitor: 'us-china',
  side: 'china',
  metric: 'tone',
  direction: 'down',
} as const;
