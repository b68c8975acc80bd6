/**
 * The business logic: the single writer of all engine state.
 *
 * <p>{@link dev.loyalty.engine.logic.BusinessLogic} dispatches each command on its type and owns the state;
 * {@code PointsBook} owns the points side (lots, buckets, ledger entries, the queue of time-driven work);
 * the {@code *Reply} records are immutable snapshots that render themselves, so that the replier can render
 * them later and a replay renders the first answer byte for byte.
 *
 * <p>Decisions where API.md is silent:
 * <ul>
 *   <li>Time-driven work (hold timeouts, activation, expiry) runs at the start of every journaled command and
 *       on a tick, for everything due at or before engine time, in due-time order (ties: creation order).
 *       Its ledger entries carry the engine time at which it ran.</li>
 *   <li>HOLD, RELEASE, REDEEM and EARN entries are written only for a non-zero amount; an ACTIVATE only when
 *       the lot still has points. A one-shot purchase spends its points directly (REDEEM, no HOLD).</li>
 *   <li>Void of an EXPIRED purchase is 409 INVALID_STATE (its hold is already released). Capture of a one-shot
 *       purchase answers the capture shape (a replay).</li>
 *   <li>A debt (available below zero after a reversal) is paid first by any points that become available:
 *       new lots, activations, released holds, returned points; a merge pays one side's debt from the other's
 *       lots.</li>
 *   <li>A reversal takes from the purchase's own lot even while it is pending, then from the oldest available
 *       lots, then leaves a debt. Returned redeemed points are a new lot expiring {@code pointsTtlDays} later.</li>
 *   <li>A referral code of another partner's member is accepted (coalition referrals); the referrer is
 *       resolved to its live member if it was merged.</li>
 *   <li>Coupons are not built yet: every presented code is answered REJECTED with COUPON_NOT_FOUND.</li>
 *   <li>Checks run in API.md's order: the body (400), the store and the pos key's partner (404/403), then the
 *       idempotency key, then business rules.</li>
 * </ul>
 */
package dev.loyalty.engine.logic;
