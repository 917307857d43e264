/**
 * Word material for the synthetic dashboard load: who speaks for each side, what they talk
 * about, and framing sentences that carry the frame ids of the analysis core's lexicon.
 */

export const MONITOR_SIDES: Record<string, [string, string]> = {
  'us-china': ['us', 'china'],
  'russia-ukraine': ['russia', 'ukraine'],
};

/** Outlets per monitor, with their share of articles and the side state media speak for. */
export const OUTLETS: { monitor: string; source: string; share: number; lean: string | null }[] = [
  { monitor: 'us-china', source: 'Reuters', share: 0.2, lean: null },
  { monitor: 'us-china', source: 'Associated Press', share: 0.15, lean: null },
  { monitor: 'us-china', source: 'The New York Times', share: 0.12, lean: null },
  { monitor: 'us-china', source: 'CNN', share: 0.1, lean: null },
  { monitor: 'us-china', source: 'South China Morning Post', share: 0.1, lean: null },
  { monitor: 'us-china', source: 'BBC News', share: 0.08, lean: null },
  { monitor: 'us-china', source: 'Xinhua', share: 0.15, lean: 'china' },
  { monitor: 'us-china', source: 'Global Times', share: 0.1, lean: 'china' },
  { monitor: 'russia-ukraine', source: 'Reuters', share: 0.35, lean: null },
  { monitor: 'russia-ukraine', source: 'BBC News', share: 0.25, lean: null },
  { monitor: 'russia-ukraine', source: 'TASS', share: 0.2, lean: 'russia' },
  { monitor: 'russia-ukraine', source: 'Kyiv Independent', share: 0.2, lean: 'ukraine' },
];

export const SPEAKERS: Record<string, string[]> = {
  us: [
    'A senior administration official',
    'Secretary of State Antony Blinken',
    'The White House',
    'A State Department spokesperson',
    'President Joe Biden',
    'Commerce Secretary Gina Raimondo',
    'The Pentagon',
    'National security adviser Jake Sullivan',
  ],
  china: [
    'Foreign ministry spokesperson Mao Ning',
    'Chinese President Xi Jinping',
    'Foreign Minister Wang Yi',
    'The Chinese embassy in Washington',
    'Xinhua',
    'The Global Times',
    "China's commerce ministry",
    'Premier Li Qiang',
  ],
  russia: [
    'Kremlin spokesman Dmitry Peskov',
    'President Vladimir Putin',
    'Foreign Minister Sergei Lavrov',
    'The Russian defence ministry',
    'TASS',
    'Foreign ministry spokeswoman Maria Zakharova',
    'The Russian embassy in London',
    'Deputy Foreign Minister Sergei Ryabkov',
  ],
  ukraine: [
    'President Volodymyr Zelenskyy',
    'Foreign Minister Dmytro Kuleba',
    'The Ukrainian general staff',
    'A senior Ukrainian official',
    "Ukraine's defence ministry",
    'Presidential adviser Mykhailo Podolyak',
    'The Ukrainian embassy in Washington',
    'Prime Minister Denys Shmyhal',
  ],
};

export const VERBS = [
  'said',
  'told reporters',
  'warned',
  'added',
  'stressed',
  'said in a statement',
];

export const TOPICS = [
  'the talks on tariffs and export controls had made little progress',
  'the dispute over Taiwan had to be handled with great care',
  'cooperation on climate change would continue despite the disagreements',
  'restrictions on advanced semiconductors would stay in place',
  'the two militaries should reopen their hotlines',
  'the situation in the South China Sea remained a source of tension',
  'fentanyl trafficking was a shared concern that needed action',
  'students and journalists should be able to travel freely',
  'sanctions on the energy sector would be tightened next month',
  'the grain corridor through the Black Sea must stay open',
  'the prisoner exchange had been agreed after months of talks',
  'new air defence systems would arrive before the winter',
  'the summit would take place later this year if conditions allowed',
  'trade in rare earth minerals was being reviewed',
  'the cyber attacks on government networks would not go unanswered',
  'the envoy would travel to the region for consultations',
];

export const NARRATION = [
  'Relations between the two governments have been tested over the past year.',
  'The meeting took place on the sidelines of the regional summit.',
  'Markets reacted calmly to the announcement on Monday.',
  'The visit was the first at this level in more than a year.',
  'Diplomats from several countries attended the closed-door session.',
  'The negotiations resumed after a pause of several weeks.',
];

/**
 * `{neg}` marks where "not " goes when the frame is negated; frames without it are never
 * negated, as they read unnaturally with a negation.
 */
export const FRAME_SENTENCES: { frame: string; phrase: string; sentence: string }[] = [
  { frame: 'respectful', phrase: 'respectful', sentence: 'The exchange was {neg}respectful.' },
  {
    frame: 'familiar-and-sincere',
    phrase: 'familiar and sincere',
    sentence: 'The tone was {neg}familiar and sincere.',
  },
  { frame: 'candid', phrase: 'candid', sentence: 'The discussion was {neg}candid.' },
  { frame: 'constructive', phrase: 'constructive', sentence: 'The talks were {neg}constructive.' },
  {
    frame: 'serious-difficulties',
    phrase: 'serious difficulties',
    sentence: 'The policy has caused serious difficulties in relations.',
  },
  {
    frame: 'deep-concern',
    phrase: 'deep concern',
    sentence: 'Officials voiced deep concern about the latest moves.',
  },
  {
    frame: 'firmly-opposes',
    phrase: 'firmly opposes',
    sentence: 'The government firmly opposes the decision.',
  },
  {
    frame: 'red-line',
    phrase: 'red line',
    sentence: 'This is a red line that must not be crossed.',
  },
  {
    frame: 'interference',
    phrase: 'internal affairs',
    sentence: 'The remarks were an interference in internal affairs.',
  },
  { frame: 'win-win', phrase: 'win-win', sentence: 'Both sides should seek win-win results.' },
  {
    frame: 'cooperation',
    phrase: 'work together',
    sentence: 'The two countries can work together on global issues.',
  },
  {
    frame: 'responsible-competition',
    phrase: 'responsible competition',
    sentence: 'The aim is responsible competition.',
  },
  {
    frame: 'tough-approach',
    phrase: 'tough approach',
    sentence: 'The administration will keep a tough approach.',
  },
  {
    frame: 'strained-relations',
    phrase: 'strained relations',
    sentence: 'The incident further strained relations.',
  },
];
