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
 *   <li>Gamification ({@code Gamification}; docs/gamification.md lists every decision for program managers):
 *       windows, periods and unlocks run on engine time in UTC. A tier window is a per-member deque of UTC-day
 *       buckets; an amount counts for {@code periodDays} whole days after its day; the moment the oldest bucket
 *       leaves is a TIER_WINDOW due work, so downgrades are journaled ticks. Tiers count from the first
 *       PUT /v1/tiers; a new basis empties every window; a redefinition recomputes every member at once (it
 *       walks them all). SPEND counts payable less refund money; POINTS counts every credited point (purchase,
 *       activity, referral, achievement) less refund reversals. Refunds subtract from the purchase's day
 *       bucket while it is in the window.</li>
 *   <li>Achievements count from their definition (a gamification sequence number orders definitions and
 *       captures, so a refund takes back only what a purchase captured after the definition counted); the
 *       metric cannot change (409); money metrics go down with refunds, rewards are never taken back; rewards
 *       and referral points do not count toward POINTS_EARNED achievements (no self-feeding loop). Progress and
 *       rewards are planned before any change so that an overflow is a 400 that changes nothing. A merge adds
 *       progress and pays nothing; the next qualifying event pays what the sum reached.</li>
 *   <li>Leaderboards keep values in a {@link dev.loyalty.engine.rank.RankedSet} by member number; ties share a
 *       competition rank and list by member number; WEEK periods start Monday 00:00 UTC, MONTH on the 1st, as
 *       BOARD_PERIOD due work; SPEND boards take back refunds of purchases captured in the current period;
 *       a board cannot be redefined (409); pos keys read only their partner's boards and members.</li>
 *   <li>Referrals pay both sides (REFERRAL, txId of the purchase, the other member's id as reason) on the
 *       referee's first captured purchase counting merged history, nothing when merges make the referee its
 *       own live referrer; a merge keeps the target's referrer.</li>
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
