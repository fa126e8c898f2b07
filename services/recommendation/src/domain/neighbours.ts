/** How two products are related in the model: seen together, bought together, or alike in content. */
export const neighbourKinds = ['co_view', 'co_purchase', 'content'] as const;
export type NeighbourKind = (typeof neighbourKinds)[number];

/** "Similar products" draws on co-views and content; co-purchases answer "bought together". */
export const similarKinds: NeighbourKind[] = ['co_view', 'content'];

/**
 * What counts towards each behaviour model, and how much. Co-views: any
 * interest (a purchase implies a look); co-purchases: purchases only.
 */
export const coViewWeights = { view: 1, add_to_cart: 3, purchase: 5 } as const;
export const coPurchaseWeights = { purchase: 1 } as const;
