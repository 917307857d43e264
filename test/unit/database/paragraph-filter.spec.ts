import { paragraphConditions, QueryParams } from '../../../src/database/paragraph-filter';

describe('paragraphConditions', () => {
  it('names monitor and wire copies always, side and outlets only when given', () => {
    const params = new QueryParams();
    const sql = paragraphConditions(
      { monitor: 'us-china', syndication: 'collapse', side: null, sources: [] },
      params,
    );
    expect(sql).toEqual(['monitor = $1', 'reprint = false']);
    expect(params.values).toEqual(['us-china']);
  });

  it('qualifies columns and numbers parameters after those already taken', () => {
    const params = new QueryParams();
    params.add('earlier');
    const sql = paragraphConditions(
      { monitor: 'us-china', syndication: 'all', side: 'china', sources: ['Desk'] },
      params,
      'p',
    );
    expect(sql).toEqual([
      'p.monitor = $2',
      "p.reprint = ANY('{false,true}'::boolean[])",
      'p.side = $3',
      'p.source = $4',
    ]);
    expect(params.values).toEqual(['earlier', 'us-china', 'china', 'Desk']);
  });

  it('takes several outlets as one array parameter, and reprints alone when asked', () => {
    const params = new QueryParams();
    const sql = paragraphConditions(
      { monitor: 'm', syndication: 'reprints', side: null, sources: ['A', 'B'] },
      params,
    );
    expect(sql).toEqual(['monitor = $1', 'reprint = true', 'source = ANY($2::text[])']);
    expect(params.values).toEqual(['m', ['A', 'B']]);
  });
});
