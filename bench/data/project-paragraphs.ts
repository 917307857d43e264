/**
 * Paragraphs written for Tonewatch (no third-party text), grouped as they would appear in one
 * article each. Streams built from them keep tests and benchmarks running where the shared
 * data set is absent.
 */
export const PROJECT_ARTICLES: string[][] = [
  [
    'The foreign ministry said the talks had been constructive and that both delegations agreed to meet again next month.',
    'A spokesman praised the spirit of mutual respect shown by the visiting officials.',
    'Trade officials described the new customs arrangement as a welcome step toward stability.',
    'The two sides signed a memorandum on student exchanges and scientific cooperation.',
  ],
  [
    'Officials accused the other government of violating the agreement and warned of serious consequences.',
    'The ministry condemned the sanctions as illegal and said it would retaliate.',
    'A senior diplomat said relations had reached their lowest point in years.',
  ],
  [
    'The embassy issued a short statement confirming that the meeting took place on Tuesday.',
    'The delegation arrived in the capital in the afternoon and met the deputy minister.',
    'No joint communique was released after the session.',
    'The next round is scheduled for the autumn.',
    'Both sides declined to comment on the agenda.',
  ],
  [
    'The spokeswoman said the government was deeply disappointed by the decision and regretted the lost opportunity.',
    'She added that the move would damage trust and hurt ordinary families on both sides.',
  ],
  [
    'The minister thanked his counterpart for a frank and productive conversation.',
    'He said the agreement showed that dialogue works and that cooperation benefits everyone.',
    'Analysts welcomed the announcement as a hopeful sign for the region.',
  ],
  [
    'The statement called the military drills provocative and dangerous.',
    'Officials threatened to suspend cooperation on climate and health if the exercises continued.',
    'The ministry rejected the criticism as baseless and hostile.',
    'A spokesman said the country would firmly defend its interests.',
  ],
  [
    'The commerce department published revised export rules on Friday.',
    'The rules cover semiconductors and certain manufacturing equipment.',
    'Companies have ninety days to comply with the new reporting requirements.',
  ],
  [
    'The president said he was confident that the two countries could resolve their differences peacefully.',
    'He praised the negotiators for their patience and good faith.',
  ],
  [
    'The foreign minister warned that the situation was serious and could escalate into a crisis.',
    'He blamed the other side for the collapse of the talks and said trust had been destroyed.',
    'Officials said the decision was a grave mistake.',
  ],
  [
    'The envoy said the visit had been useful and that communication channels remained open.',
    'The two governments agreed to set up a working group on fisheries.',
    'A joint statement promised regular consultations.',
    'Officials said they were encouraged by the progress.',
  ],
  [
    'The ministry said it had lodged a strong protest and demanded an apology.',
    'It described the remarks as offensive and irresponsible.',
  ],
  [
    'The talks lasted about three hours, according to an official familiar with the schedule.',
    'The officials discussed trade, technology and regional security.',
    'A second meeting is planned for next week.',
  ],
];
