// Attribution: who speaks in each paragraph, for which side. One job per module:
//   lexicon.ts        word lists from data/lexicon/attribution.json and data/gazetteer.json
//   words.ts          the words of a text range, read without scanning past it
//   spans.ts          binary searches over sorted, disjoint spans (quotes, mentions)
//   quotes.ts         quotation spans
//   mentions.ts       actor names of the monitor and learned names on the tokens
//   learned-names.ts  personal names learned from speaker phrases, per article
//   hits.ts           reporting verbs, statement phrases and source markers
//   clauses.ts        clause starts and the noun phrase after a verb or marker
//   speakers.ts       speaker resolution: the sides a speaker phrase names
//   coreference.ts    the speakers heard so far, for "he", "the ministry"
//   strategies.ts     skip rules and speaker strategies for one reporting verb
//   context.ts        the per-article context and the per-sentence loop
export { AttributionContext } from './context';
export { SpeakerHistory, type HeardSpeaker } from './coreference';
export { PASSIVE, SOURCE_MARKERS, SPEECH_VERBS, type SourceMarker } from './lexicon';
export { indexContaining, SpanIndex } from './spans';
export type { Attribution, Mention, ParagraphAttribution } from './types';
