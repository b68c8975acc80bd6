/**
 * The business logic: the single writer of all engine state.
 *
 * <p>{@link dev.loyalty.engine.logic.BusinessLogic} dispatches each command on its type and owns the state;
 * {@code PointsBook} owns the points side (lots, buckets, ledger entries, the queue of time-driven work);
 * the {@code *Reply} records are immutable snapshots that render themselves, so that the replier can render
 * them later and a replay renders the first answer byte for byte. {@code LogicSnapshot} writes and reads the
 * logic's own part of a snapshot ({@code BusinessLogic.writeSnapshot} / {@code readSnapshot}); the promotions
 * write theirs.
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
 *   <li>Promotions (docs/promotions.md lists every decision for marketers): an empty list in {@code when}
 *       means "any", a limit of 0 "no limit"; {@code categories} and {@code skus} together scope the lines
 *       matching either; {@code from}/{@code to} compare instants, weekdays, hours and the birthday window read
 *       occurredAt in its own offset (engine time in UTC without one); hours whose start is after their end
 *       wrap midnight on the same local day; a 29 February birthday is 28 February in common years.</li>
 *   <li>The member's tier is {@code Member.tier}, "base" until tiers exist; {@code segments} reads the member
 *       attribute {@code segment}; a first purchase is one while the member has no captured purchase and no
 *       open authorization.</li>
 *   <li>An anonymous sale gets only promotions that discount and need no member; a promotion that gives
 *       nothing on a cheque does not apply (not listed, nothing held, its coupon COUPON_NOT_APPLICABLE). An
 *       exclusive promotion's worth is what it alone gives on the cheque before any points payment.</li>
 *   <li>Limits and coupons are held at authorize, used at capture, given back on void and hold expiry; a
 *       one-shot purchase and an activity use them at once; calculate holds nothing. A refund gives the budget
 *       back its share of the reversed points (running total: a full refund gives back all), and a full refund
 *       also gives back the member's use and the coupon's use. Budgets count points only, not discounts.</li>
 *   <li>A coupon applies through the first usable code of its promotion presented; other codes of the same
 *       promotion on the cheque are COUPON_NOT_APPLICABLE. Codes are created only for promotions with
 *       {@code coupon: true}; an existing code is 409 INVALID_STATE. Generated codes are drawn by the gateway
 *       and journaled in the command, so replay is deterministic; a retry of the same requestId answers the
 *       first codes.</li>
 *   <li>Redefining a promotion keeps its uses, budget and coupons; open authorizations keep what they were
 *       promised. A merge adds the source's promotion uses to the target's.</li>
 *   <li>Activities need a member and a store; their points (ledger ACTIVITY, reason = the type) are available
 *       at once, expire after pointsTtlDays, and count in stats.pointsEarned but not in byChannel. An activity
 *       rule may name only conditions and effects that apply to activities (400 otherwise).</li>
 *   <li>Checks run in API.md's order: the body (400), the store and the pos key's partner (404/403), then the
 *       idempotency key, then business rules.</li>
 * </ul>
 */
package dev.loyalty.engine.logic;
