package dev.loyalty.engine.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands themselves. {@code scopePartnerId} is the partner a {@code pos} key is bound to, or null when
 * an admin key called; the business logic uses it to hide other partners' members, stores and purchases.
 * Attribute maps keep the order the client sent them in (the journal writes them in that order).
 */
public final class Commands
{
    private Commands()
    {
    }

    static Map<String, String> copy(final Map<String, String> attributes)
    {
        return attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** {@code PUT /v1/program}: the whole program; fields the body leaves out take their defaults. */
    public record SetProgram(
        String requestId,
        long pointValueMinor,
        long baseEarnBp,
        EarnOn earnOn,
        long activationDelayHours,
        long pointsTtlDays,
        long maxRedeemShareBp,
        long holdTimeoutSeconds,
        long referrerPoints,
        long refereePoints) implements Command
    {
        public CommandType type()
        {
            return CommandType.SET_PROGRAM;
        }
    }

    /** {@code PUT /v1/partners/{partnerId}}. */
    public record PutPartner(String requestId, String partnerId, String name) implements Command
    {
        public CommandType type()
        {
            return CommandType.PUT_PARTNER;
        }
    }

    /** {@code PUT /v1/stores/{storeId}}. */
    public record PutStore(
        String requestId, String storeId, String partnerId, Channel channel, Map<String, String> attributes)
        implements Command
    {
        public PutStore
        {
            attributes = copy(attributes);
        }

        public CommandType type()
        {
            return CommandType.PUT_STORE;
        }
    }

    /**
     * {@code PUT /v1/promotions/{promotionId}}: defines or replaces a promotion. The gateway fills what the body
     * leaves out: {@code enabled} true, {@code priority} 0, {@code stacking} STACK, and {@link PromotionWhen#ANY},
     * {@link PromotionThen#NONE}, {@link PromotionLimits#NONE} for absent objects (null here means the same).
     */
    public record PutPromotion(
        String requestId,
        String promotionId,
        String name,
        boolean enabled,
        long priority,
        Stacking stacking,
        PromotionWhen when,
        PromotionThen then,
        PromotionLimits limits) implements Command
    {
        public PutPromotion
        {
            when = when == null ? PromotionWhen.ANY : when;
            then = then == null ? PromotionThen.NONE : then;
            limits = limits == null ? PromotionLimits.NONE : limits;
        }

        public CommandType type()
        {
            return CommandType.PUT_PROMOTION;
        }
    }

    /**
     * {@code POST /v1/coupons}: codes for a promotion. For {@code "generate": N} the gateway draws N unguessable
     * codes itself and passes them with {@code generated} true (the business logic stays deterministic); given
     * codes come with {@code generated} false. {@code usesPerCode}: 1 when the body has none, 0 for unlimited.
     */
    public record CreateCoupons(
        String requestId, String promotionId, List<String> codes, boolean generated, long usesPerCode)
        implements Command
    {
        public CreateCoupons
        {
            codes = codes == null ? List.of() : List.copyOf(codes);
        }

        public CommandType type()
        {
            return CommandType.CREATE_COUPONS;
        }

        /** Generated codes are not part of the body, only how many were asked for: a retry draws new ones. */
        public boolean sameBody(final Command other)
        {
            if (!(other instanceof CreateCoupons o))
            {
                return false;
            }
            if (generated || o.generated)
            {
                return generated == o.generated && java.util.Objects.equals(requestId, o.requestId) &&
                    java.util.Objects.equals(promotionId, o.promotionId) && usesPerCode == o.usesPerCode &&
                    codes.size() == o.codes.size();
            }
            return equals(o);
        }
    }

    /** {@code GET /v1/promotions/{promotionId}}. */
    public record GetPromotion(String promotionId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_PROMOTION;
        }
    }

    /** {@code GET /v1/promotions}. */
    public record ListPromotions() implements Command
    {
        public CommandType type()
        {
            return CommandType.LIST_PROMOTIONS;
        }
    }

    /** {@code POST /v1/members}. {@code birthday} is an ISO date (yyyy-MM-dd) or null. */
    public record CreateMember(
        String requestId,
        String scopePartnerId,
        List<Identifier> identifiers,
        String birthday,
        String referrerCode,
        Map<String, String> attributes) implements Command
    {
        public CreateMember
        {
            identifiers = List.copyOf(identifiers);
            attributes = copy(attributes);
        }

        public CommandType type()
        {
            return CommandType.CREATE_MEMBER;
        }
    }

    /** {@code POST /v1/members/{memberId}/identifiers}. */
    public record AddIdentifier(String requestId, String scopePartnerId, String memberId, Identifier identifier)
        implements Command
    {
        public CommandType type()
        {
            return CommandType.ADD_IDENTIFIER;
        }
    }

    /** {@code POST /v1/members/{memberId}/merge}: the source's everything moves into the target. */
    public record MergeMembers(String requestId, String targetMemberId, String sourceMemberId) implements Command
    {
        public CommandType type()
        {
            return CommandType.MERGE_MEMBERS;
        }
    }

    /** {@code POST /v1/members/{memberId}/adjustments}. {@code points} is non-zero, either sign. */
    public record AdjustPoints(String requestId, String memberId, long points, String reason) implements Command
    {
        public CommandType type()
        {
            return CommandType.ADJUST_POINTS;
        }
    }

    /** {@code POST /v1/purchases/authorize}: price, hold redeemed points, reserve limits. */
    public record Authorize(String scopePartnerId, PurchaseRequest request) implements Command
    {
        public CommandType type()
        {
            return CommandType.AUTHORIZE;
        }
    }

    /** {@code POST /v1/purchases/{txId}/capture}. */
    public record Capture(String scopePartnerId, String txId) implements Command
    {
        public CommandType type()
        {
            return CommandType.CAPTURE;
        }
    }

    /** {@code POST /v1/purchases/{txId}/void}. */
    public record VoidPurchase(String scopePartnerId, String txId) implements Command
    {
        public CommandType type()
        {
            return CommandType.VOID;
        }
    }

    /** {@code POST /v1/purchases}: authorize and capture in one step. */
    public record OneShot(String scopePartnerId, PurchaseRequest request) implements Command
    {
        public CommandType type()
        {
            return CommandType.ONE_SHOT;
        }
    }

    /**
     * {@code POST /v1/purchases/{txId}/refund}: either {@code lines} (non-empty) or {@code amount} (positive;
     * -1 when absent) is given, never both.
     */
    public record Refund(String scopePartnerId, String txId, String refundId, List<RefundLine> lines, long amount)
        implements Command
    {
        public Refund
        {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        public CommandType type()
        {
            return CommandType.REFUND;
        }
    }

    /**
     * {@code POST /v1/activities}: a non-purchase action of a member that activity rules reward.
     *
     * @param activityType UPPER_SNAKE: {@code APP_INSTALL}, {@code REVIEW}, ... or a custom name (JSON {@code type}).
     * @param storeId      where it happened (the store's channel, partner and attributes feed the rules).
     * @param occurredAt   business time as ISO-8601 with offset, or null to use engine time.
     * @param attributes   free-form details, kept in the journal; rules do not read them.
     */
    public record RecordActivity(
        String requestId,
        String scopePartnerId,
        MemberRef member,
        String activityType,
        String storeId,
        String occurredAt,
        Map<String, String> attributes) implements Command
    {
        public RecordActivity
        {
            attributes = copy(attributes);
        }

        public CommandType type()
        {
            return CommandType.RECORD_ACTIVITY;
        }
    }

    /**
     * {@code POST /v1/keys}. The gateway generates {@code keyId} and the secret, and passes only the secret's
     * SHA-256 as lowercase hex; the secret itself never enters the engine or the journal.
     */
    public record CreateKey(String requestId, String keyId, KeyRole role, String partnerId, String secretSha256Hex)
        implements Command
    {
        public CommandType type()
        {
            return CommandType.CREATE_KEY;
        }

        /** The generated keyId and secret are not part of the body: a retry makes new ones. */
        public boolean sameBody(final Command other)
        {
            return other instanceof CreateKey o &&
                requestId.equals(o.requestId) && role == o.role && java.util.Objects.equals(partnerId, o.partnerId);
        }
    }

    /** {@code DELETE /v1/keys/{keyId}}: naturally idempotent. */
    public record RevokeKey(String keyId) implements Command
    {
        public CommandType type()
        {
            return CommandType.REVOKE_KEY;
        }
    }

    /** Put into the ring by the timer so that holds, activation and expiry happen by engine time. */
    public record Tick() implements Command
    {
        public CommandType type()
        {
            return CommandType.TICK;
        }
    }

    /** {@code GET /v1/members/{id}} or {@code GET /v1/members?identifierType=&value=}. */
    public record GetMember(String scopePartnerId, MemberRef member) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_MEMBER;
        }
    }

    /** {@code GET /v1/members/{id}/ledger?limit=&before=}; {@code before} is exclusive, -1 for newest. */
    public record GetLedger(String scopePartnerId, String memberId, int limit, long before) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_LEDGER;
        }
    }

    /** {@code GET /v1/purchases/{txId}}. */
    public record GetPurchase(String scopePartnerId, String txId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_PURCHASE;
        }
    }

    /** {@code POST /v1/purchases/calculate}: prices exactly as authorize would, changes nothing. */
    public record Calculate(String scopePartnerId, PurchaseRequest request) implements Command
    {
        public CommandType type()
        {
            return CommandType.CALCULATE;
        }
    }

    /** {@code GET /v1/program}. */
    public record GetProgram() implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_PROGRAM;
        }
    }

    /** {@code GET /v1/partners/{partnerId}}. */
    public record GetPartner(String partnerId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_PARTNER;
        }
    }

    /** {@code GET /v1/stores/{storeId}}. */
    public record GetStore(String scopePartnerId, String storeId) implements Command
    {
        public CommandType type()
        {
            return CommandType.GET_STORE;
        }
    }
}
