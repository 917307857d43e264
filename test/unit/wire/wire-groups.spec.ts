import { wireComponents } from '../../../src/wire/wire-groups';

const sorted = (components: string[][]) => components.map((c) => [...c].sort()).sort();

describe('wireComponents', () => {
  it('joins linked articles through any chain of links, and keeps others apart', () => {
    expect(
      sorted(
        wireComponents([
          ['a', 'a'],
          ['b', 'c'],
          ['d', 'b'],
          ['e', 'e'],
          ['f', 'a'],
          ['c', 'g'],
        ]),
      ),
    ).toEqual([['a', 'f'], ['b', 'c', 'd', 'g'], ['e']]);
  });

  it('merges two groups linked by one article that reprints a member of each', () => {
    const pairs: [string, string][] = [];
    for (let i = 0; i < 50; i++) pairs.push([`x${i}`, 'X'], [`y${i}`, 'Y']);
    pairs.push(['bridge', 'x7'], ['bridge', 'y31']);
    const components = wireComponents(pairs);
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(103);
  });

  it('gives nothing for no links', () => {
    expect(wireComponents([])).toEqual([]);
  });
});
