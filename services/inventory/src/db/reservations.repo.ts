import { and, asc, eq, getTableColumns, lte, sql } from 'drizzle-orm';
import { type Allocation, byStockKey, type RequestedLine } from '../domain/allocation.js';
import type { ReleaseReason, Reservation, ReservationStatus } from '../domain/reservation.js';
import type { InventoryExecutor } from './database.js';
import { reservationAllocations, reservations } from './schema.js';

type ReservationRow = typeof reservations.$inferSelect & { lapsed: boolean };

/** Every column, and whether it is held past its expiry by the database's clock (the one the sweeper uses). */
const selection = {
  ...getTableColumns(reservations),
  lapsed: sql<boolean>`(${reservations.status} = 'held' and ${reservations.expiresAt} <= now())`,
};

async function withAllocations(db: InventoryExecutor, row: ReservationRow): Promise<Reservation> {
  const allocations = await db
    .select({
      sku: reservationAllocations.sku,
      warehouseId: reservationAllocations.warehouseId,
      quantity: reservationAllocations.quantity,
    })
    .from(reservationAllocations)
    .where(eq(reservationAllocations.orderId, row.orderId));
  return {
    ...row,
    status: row.status as ReservationStatus,
    releaseReason: row.releaseReason as ReleaseReason | null,
    allocations: allocations.sort(byStockKey),
  };
}

/** The order's reservation; `lock` holds its row until the transaction ends (commit, release, expiry). */
export async function findReservation(
  db: InventoryExecutor,
  orderId: string,
  options: { lock?: boolean } = {},
): Promise<Reservation | undefined> {
  const query = db.select(selection).from(reservations).where(eq(reservations.orderId, orderId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ? withAllocations(db, row) : undefined;
}

/**
 * Makes concurrent first requests for one order take turns (until the
 * transaction ends), so only one of them can create its reservation.
 */
export async function lockOrderReservation(db: InventoryExecutor, orderId: string): Promise<void> {
  await db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`inventory.reservation:${orderId}`}, 0))`,
  );
}

export async function insertReservation(
  db: InventoryExecutor,
  reservation: {
    id: string;
    orderId: string;
    requestedLines: RequestedLine[];
    allocations: Allocation[];
    ttlSeconds: number;
  },
): Promise<Reservation> {
  // The database's clock decides expiry, so replicas with drifting clocks agree with the sweeper.
  const [row] = await db
    .insert(reservations)
    .values({
      id: reservation.id,
      orderId: reservation.orderId,
      status: 'held',
      requestedLines: reservation.requestedLines,
      expiresAt: sql`now() + make_interval(secs => ${reservation.ttlSeconds})`,
    })
    .returning(selection);
  await db
    .insert(reservationAllocations)
    .values(reservation.allocations.map((a) => ({ ...a, orderId: reservation.orderId })));
  const allocations = [...reservation.allocations].sort(byStockKey);
  return { ...row!, status: 'held', releaseReason: null, allocations };
}

export async function closeReservation(
  db: InventoryExecutor,
  orderId: string,
  outcome: { status: Exclude<ReservationStatus, 'held'>; releaseReason?: ReleaseReason | undefined },
): Promise<Reservation> {
  const [row] = await db
    .update(reservations)
    .set({ status: outcome.status, releaseReason: outcome.releaseReason ?? null, closedAt: sql`now()` })
    .where(eq(reservations.orderId, orderId))
    .returning(selection);
  return withAllocations(db, row!);
}

/**
 * Claims one held reservation past its expiry for this transaction. SKIP
 * LOCKED lets several replicas sweep at once: each takes a different one,
 * and a reservation being committed right now is left to its committer.
 */
export async function claimLapsedReservation(db: InventoryExecutor): Promise<Reservation | undefined> {
  const [row] = await db
    .select(selection)
    .from(reservations)
    .where(and(eq(reservations.status, 'held'), lte(reservations.expiresAt, sql`now()`)))
    .orderBy(asc(reservations.expiresAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ? withAllocations(db, row) : undefined;
}
