// @ts-check
// Shapes of the API answers the dashboard reads (see /docs or openapi.json for the full ones).
// Types only: this module exports no values.

/**
 * @typedef {{ id: string, label: string, colour: string }} Voice
 * @typedef {{ id: string, label: string, note: string, sides: Voice[] }} Monitor
 * @typedef {{ monitors: Monitor[], otherVoices: Voice[], defaultMonitor: string }} MonitorList
 * @typedef {{ id: string, label: string, polarity: number, meaning: string }} FrameInfo
 * @typedef {{ frames: FrameInfo[] }} FrameList
 * @typedef {{ from: string, to: string }} Period
 */

/**
 * @typedef {object} ToneFigures
 * @property {number} paragraphs
 * @property {number} articles
 * @property {number | null} meanTone
 * @property {number | null} positiveShare
 * @property {number | null} negativeShare
 * @property {number | null} neutralShare
 *
 * @typedef {{ paragraphs: number, articles: number }} Reprints
 * @typedef {{ side: string, reprints: Reprints, current: ToneFigures, previous: ToneFigures, change: { meanTone: number | null } }} SideSummary
 * @typedef {{ monitor: string, syndication: string, period: Period, sides: SideSummary[] }} ToneSummary
 * @typedef {{ side: string, paragraphs: number[], meanTone: (number | null)[] }} SideSeries
 * @typedef {{ monitor: string, bucket: string, tz: string, period: Period, buckets: string[], series: SideSeries[] }} ToneTimeseries
 */

/**
 * @typedef {object} DirectionalCell
 * @property {string} side the side speaking
 * @property {string | null} target the side talked about; null when the paragraph names none
 * @property {number} paragraphs
 * @property {number | null} meanTone
 * @property {number | null} positiveShare
 * @property {number | null} negativeShare
 *
 * @typedef {{ speakers: string[], targets: (string | null)[], cells: DirectionalCell[] }} DirectionalMatrix
 * @typedef {{ side: string, target: string | null }} Pair
 */

/**
 * @typedef {object} FramingExample
 * @property {string} side
 * @property {boolean} negated
 * @property {string} phrase the text as matched
 * @property {string} text the paragraph the hit is in
 * @property {string | null} source
 * @property {string} occurredAt
 *
 * @typedef {object} FramingItem
 * @property {string} [phrase]
 * @property {string} [frame]
 * @property {Record<string, number>} sides hits per side, not negated
 * @property {Record<string, number>} negated negated hits per side
 * @property {FramingExample[]} examples
 *
 * @typedef {{ phrases?: FramingItem[], frames?: FramingItem[] }} Framing
 * @typedef {{ frame: string, hits: number, negated: number }} TopFrame
 * @typedef {{ sides: { side: string, frames: TopFrame[] }[] }} FramingTop
 */

/**
 * @typedef {{ side: string, paragraphs: number, meanTone: number | null }} SourceSide
 * @typedef {{ source: string | null, paragraphs: number, sides: SourceSide[] }} SourceRow
 * @typedef {{ sources: SourceRow[] }} SourcesBreakdown
 */

/**
 * @typedef {{ frame: string, phrase: string, side: string, negated: boolean, start: number, end: number }} ParagraphFrame
 * @typedef {{ term: string, weight: number, source: string, negated: boolean, start: number, end: number }} ToneTerm
 *
 * @typedef {object} Paragraph
 * @property {string} id
 * @property {string} articleId
 * @property {string | null} articleTitle
 * @property {string} text
 * @property {string} side
 * @property {string | null} speaker
 * @property {{ start: number, end: number } | null} evidence the speaker's words in the text
 * @property {number} toneValue
 * @property {string} toneLabel
 * @property {ToneTerm[]} [toneTerms]
 * @property {string | null} source
 * @property {string} occurredAt
 * @property {ParagraphFrame[]} frames
 *
 * @typedef {{ items: Paragraph[], nextCursor: string | null }} ParagraphPage
 * @typedef {{ id: string, title: string | null, url: string | null, source: string | null, occurredAt: string, paragraphs: Paragraph[] }} LatestArticle
 * @typedef {{ articles: LatestArticle[] }} LatestArticles
 */

/**
 * @typedef {{ paragraphId: string, articleId: string, source: string | null, toneValue: number | null, snippet: string }} AlertEvidence
 * @typedef {{ eventId: string, title: string, startedAt: string, endedAt: string, score: number, toneGap: number | null, sides: string[], articles: number, outlets: number }} AlertEvent
 * @typedef {{ targetUrl: string, status: string, attempts: number, lastStatusCode: number | null, lastError: string | null }} Delivery
 *
 * @typedef {object} Alert
 * @property {string} id
 * @property {string} state
 * @property {string} ruleName
 * @property {string} side
 * @property {string} metric
 * @property {string} startedAt
 * @property {number | null} baseline
 * @property {number | null} current
 * @property {number | null} shift
 * @property {AlertEvidence[]} [evidence]
 * @property {AlertEvent[]} [events] asymmetry alerts: the events whose accounts diverged
 * @property {Delivery[]} [deliveries] only in GET /api/alerts/:id
 *
 * @typedef {{ items: Alert[] }} AlertPage
 */

/**
 * @typedef {{ id: string, name: string, kind: string, url: string, schedule: string, enabled: boolean }} Source
 * @typedef {{ url: string, hasSecret: boolean }} RuleWebhook
 *
 * @typedef {object} AlertRule
 * @property {string} id
 * @property {string} name
 * @property {string} monitor
 * @property {string} side
 * @property {string[]} sources
 * @property {string} metric
 * @property {string | null} frame
 * @property {string | null} phrase
 * @property {string} direction
 * @property {string} syndication
 * @property {object} detector
 * @property {object} evidence
 * @property {number} holdSeconds
 * @property {number} keepFiringSeconds
 * @property {number} cooldownSeconds
 * @property {number} resolveFraction
 * @property {number | null} silenceAfterSeconds
 * @property {RuleWebhook[]} webhooks
 * @property {boolean} enabled
 */

/**
 * The answer of each read route the page calls with the filters at the top.
 * @typedef {{
 *   '/api/tone/summary': ToneSummary,
 *   '/api/tone/timeseries': ToneTimeseries,
 *   '/api/tone/directional': DirectionalMatrix,
 *   '/api/tone/directional/timeseries': ToneTimeseries,
 *   '/api/framing': Framing,
 *   '/api/framing/top': FramingTop,
 *   '/api/sources/breakdown': SourcesBreakdown,
 *   '/api/dashboard/latest-articles': LatestArticles,
 *   '/api/paragraphs': ParagraphPage,
 * }} FilteredRoutes
 */

export {};
