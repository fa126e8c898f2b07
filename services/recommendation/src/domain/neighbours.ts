/** How two products are related in the model: seen together, bought together, or alike in content. */
export const neighbourKinds = ['co_view', 'co_purchase', 'content'] as const;
export type NeighbourKind = (typeof neighbourKinds)[number];

/** "Similar products" draws on co-views and content; co-purchases answer "bought together". */
export const similarKinds: NeighbourKind[] = ['co_view', 'content'];
