export interface CategoryRow {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  path: string[];
  position: number;
}

export interface CategoryNode {
  id: string;
  slug: string;
  name: string;
  path: string[];
  position: number;
  children: CategoryNode[];
}

const byPosition = (a: CategoryNode, b: CategoryNode) =>
  a.position - b.position || a.name.localeCompare(b.name);

/** Nests flat category rows under their parents, siblings by position then name. */
export function categoryTreeOf(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const { parentId: _, ...row } of rows) nodes.set(row.id, { ...row, children: [] });
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: CategoryNode[]) => {
    list.sort(byPosition);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}
