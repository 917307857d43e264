/**
 * The wire groups a batch of links makes, as connected components: each pair given is one
 * link (an article and another it reprints, or an article and its current group's id, itself
 * an article id). Pure, so the backfill can link a batch of articles in a few statements
 * rather than a transaction per article.
 */
export function wireComponents(pairs: readonly (readonly [string, string])[]): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) {
      if (!parent.has(root)) parent.set(root, root);
      else root = parent.get(root)!;
    }
    // every node walked now points at the root
    for (let node = id; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const [a, b] of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  }
  const byRoot = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const members = byRoot.get(root);
    if (members) members.push(id);
    else byRoot.set(root, [id]);
  }
  return [...byRoot.values()];
}
