import {
  AttributionContext,
  indexContaining,
  SpanIndex,
  type Attribution,
  type ParagraphAttribution,
} from './attribution';
import { TextTooLongError } from './errors';
import { findFrames, withSide, type RawFrameHit } from './framing';
import { actorKey, DEFAULT_MONITOR, getCompiledMonitor, type CompiledMonitor } from './monitors';
import { normalizeTypography, singleQuotesAsDouble } from './normalize';
import { splitParagraphs } from './paragraphs';
import { decideSide, type PreviousVoice, type SourceVoice } from './side-decision';
import { computeTone, TONE_PARAMS } from './tone';
import { tokenize } from './tokens';
import { createVocabulary, type Vocabulary } from './vocabulary';
import {
  MIXED,
  NEUTRAL,
  type AnalyzeOptions,
  type ArticleAnalysis,
  type FrameHit,
  type ParagraphAnalysis,
  type SideSummary,
  type Tone,
} from './types';

/** Bump whenever a rule, lexicon or monitor changes results, so stored analyses can be redone. */
export const ANALYSIS_VERSION = '1.19.0';

/** Longest article accepted, in characters (a long feature is ~60k). */
export const MAX_ARTICLE_CHARS = 500_000;

// "(CNN) -", "WASHINGTON (Reuters) -", "BEIJING, March 3 (Xinhua) --", "KYIV, Ukraine -".
const DATELINE_OUTLET =
  /^\s*(?:[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*)*(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?\(([A-Za-z][\w .&'-]{0,30})\)\s*-{1,2}\s*/;
const DATELINE_CITY = /^\s*[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Za-z.'-]+){0,3}\s+-{1,2}\s+/;

interface Dateline {
  end: number;
  outlet: string | null;
}

function dateline(text: string): Dateline | null {
  // Cheap guard: every dateline form has a dash within its first 80 characters.
  const dash = text.indexOf('-');
  if (dash < 0 || dash > 80) return null;
  const m = DATELINE_OUTLET.exec(text);
  if (m) return { end: m[0].length, outlet: m[1].trim() };
  const c = DATELINE_CITY.exec(text);
  return c ? { end: c[0].length, outlet: null } : null;
}

function sourceSide(
  monitor: CompiledMonitor,
  source: string | null | undefined,
): SourceVoice | null {
  if (!source) return null;
  const info = monitor.actors.get(actorKey(source.trim()));
  if (info && (info.kind === 'outlet' || info.kind === 'institution'))
    return { side: info.side, name: info.name };
  return null;
}

function orderSides(monitor: CompiledMonitor, sides: Iterable<string>): string[] {
  const set = new Set(sides);
  return monitor.sideIds.filter((id) => set.has(id));
}

function countQuotes(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

// Per compiled monitor, so a user monitor loaded again under the same id gets a fresh vocabulary.
const vocabularies = new WeakMap<CompiledMonitor, Vocabulary>();

function vocabularyFor(monitor: CompiledMonitor): Vocabulary {
  let v = vocabularies.get(monitor);
  if (!v) {
    v = createVocabulary(monitor);
    vocabularies.set(monitor, v);
  }
  return v;
}

/** The sides a paragraph talks about: its actor mentions outside the speakers' own phrases. */
function targetsOf(monitor: CompiledMonitor, attribution: ParagraphAttribution): string[] {
  const speakerSpans = new SpanIndex(attribution.attributions.map((a) => a.speakerSpan));
  return orderSides(
    monitor,
    attribution.mentions.filter((m) => !speakerSpans.overlaps(m)).map((m) => m.side),
  );
}

/**
 * Each frame takes the side of the attributed statements of its sentence, else the paragraph's;
 * a frame a side uses twice in one paragraph (negated or not) counts once, at its first
 * occurrence.
 */
function framesOf(
  monitor: CompiledMonitor,
  hits: RawFrameHit[],
  attribution: ParagraphAttribution,
  sided: Attribution[],
  paragraphSide: string,
): FrameHit[] {
  const sidedBySentence = new Map<number, Attribution[]>();
  for (const a of sided) {
    const list = sidedBySentence.get(a.sentence);
    if (list) list.push(a);
    else sidedBySentence.set(a.sentence, [a]);
  }
  const framed = new Set<string>();
  const frames: FrameHit[] = [];
  for (const hit of hits) {
    const here = sidedBySentence.get(indexContaining(attribution.sentences, hit.start)) ?? [];
    const hereSides = orderSides(
      monitor,
      here.flatMap((a) => a.sides),
    );
    const side =
      hereSides.length === 1 ? hereSides[0] : hereSides.length > 1 ? MIXED : paragraphSide;
    const key = `${hit.frame}\u0000${side}\u0000${hit.negated}`;
    if (framed.has(key)) continue;
    framed.add(key);
    frames.push(withSide(hit, side));
  }
  return frames;
}

/** The reporter's own voice: neither a speaker nor a side, so its tone reports rather than judges. */
export function isNarration(p: Pick<ParagraphAnalysis, 'side' | 'speaker'>): boolean {
  return p.speaker === null && p.side === NEUTRAL;
}

export function analyzeArticle(text: string, options: AnalyzeOptions = {}): ArticleAnalysis {
  if (text.length > MAX_ARTICLE_CHARS) throw new TextTooLongError(text.length, MAX_ARTICLE_CHARS);
  const monitor = getCompiledMonitor(options.monitor ?? DEFAULT_MONITOR);
  const ctx = new AttributionContext(monitor);
  const vocabulary = vocabularyFor(monitor);
  const spans = splitParagraphs(text);
  let source = sourceSide(monitor, options.source);
  let previous: PreviousVoice | null = null;
  const toneParams = { ...TONE_PARAMS, ...options.toneParams };

  const paragraphs = spans.map((p): ParagraphAnalysis => {
    const norm = normalizeTypography(p.text);
    const line = p.index === 0 ? dateline(norm) : null;
    if (line?.outlet && !source) source = sourceSide(monitor, line.outlet);
    const bodyStart = line?.end ?? 0;
    const tokens = tokenize(p.text, vocabulary);
    const attribution = ctx.analyze(singleQuotesAsDouble(norm), tokens, bodyStart);
    const sided = attribution.attributions.filter((a) => a.sides.length > 0);
    const sides = orderSides(
      monitor,
      sided.flatMap((a) => a.sides),
    );

    const voice = decideSide({
      monitor,
      attribution,
      sided,
      sides,
      body: norm.slice(bodyStart).trimStart(),
      previous,
      source,
    });
    const targets = targetsOf(monitor, attribution);
    const frames = framesOf(monitor, findFrames(p.text, tokens), attribution, sided, voice.side);
    const tone: Tone = computeTone(
      p.text,
      tokens,
      attribution.mentions,
      { narrated: isNarration(voice) },
      toneParams,
    );

    const quoteCount = countQuotes(norm);
    const openQuote = quoteCount % 2 === 1 || (previous?.openQuote === true && quoteCount === 0);
    previous = { side: voice.side, speaker: voice.speaker, openQuote };
    return {
      index: p.index,
      text: p.text,
      start: p.start,
      end: p.end,
      ...voice,
      targets,
      tone,
      frames,
    };
  });

  const bySide: Record<string, SideSummary> = {};
  for (const p of paragraphs) {
    const s = (bySide[p.side] ??= { paragraphs: 0, meanTone: 0, frames: 0 });
    s.paragraphs++;
    s.meanTone += p.tone.value;
    s.frames += p.frames.length;
  }
  for (const s of Object.values(bySide))
    s.meanTone = Math.round((s.meanTone / s.paragraphs) * 1e4) / 1e4;

  return {
    monitor: monitor.definition.id,
    analysisVersion: ANALYSIS_VERSION,
    paragraphs,
    summary: { paragraphs: paragraphs.length, bySide },
  };
}

/** Tone of a free-standing text; names of the default monitor's actors are not scored. */
export function scoreTone(text: string): Tone {
  const monitor = getCompiledMonitor(DEFAULT_MONITOR);
  const tokens = tokenize(text, vocabularyFor(monitor));
  const masks = new AttributionContext(monitor).analyze(
    normalizeTypography(text),
    tokens,
    0,
  ).mentions;
  return computeTone(text, tokens, masks);
}
