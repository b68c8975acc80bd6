package dev.loyalty.gateway;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.MemberRef;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;
import dev.loyalty.engine.command.Stacking;
import dev.loyalty.engine.promotion.PromotionValidation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Decodes the bodies of promotions, coupons and activities. Types are checked here; the values are checked by
 * the engine's {@link PromotionValidation}, called here too so that a bad definition is a 400 before the key is
 * looked at (API.md's order of checks). JSON null, like an absent field, means "any" / 0 / no limit.
 */
final class PromotionBodies
{
    /** Generated coupon codes: 12 characters of an alphabet without 0/O and 1/I, 60 random bits. */
    static final int GENERATED_CODE_LENGTH = 12;
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PromotionBodies()
    {
    }

    /** {@code PUT /v1/promotions/{promotionId}}. */
    static Commands.PutPromotion promotion(final JsonReader r, final String promotionId)
    {
        String requestId = null;
        String name = null;
        boolean enabled = true;
        long priority = 0;
        Stacking stacking = Stacking.STACK;
        PromotionWhen when = PromotionWhen.ANY;
        PromotionThen then = PromotionThen.NONE;
        PromotionLimits limits = PromotionLimits.NONE;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "name" -> name = AdminBodies.name(r.string("name"), "name");
                case "enabled" -> enabled = r.bool("enabled");
                case "priority" -> priority = r.integer(
                    "priority", -PromotionValidation.MAX_PRIORITY, PromotionValidation.MAX_PRIORITY);
                case "stacking" -> stacking = switch (r.string("stacking"))
                {
                    case "STACK" -> Stacking.STACK;
                    case "EXCLUSIVE" -> Stacking.EXCLUSIVE;
                    default -> throw new BadRequestException("stacking must be STACK or EXCLUSIVE");
                };
                case "when" -> when = when(r);
                case "then" -> then = then(r);
                case "limits" -> limits = limits(r);
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (name == null)
        {
            throw new BadRequestException("name is required");
        }
        final Commands.PutPromotion c = new Commands.PutPromotion(
            requestId, promotionId, name, enabled, priority, stacking, when, then, limits);
        final String problem = PromotionValidation.problem(c);
        if (problem != null)
        {
            throw new BadRequestException(problem);
        }
        return c;
    }

    private static PromotionWhen when(final JsonReader r)
    {
        if (!r.startObject("when"))
        {
            return PromotionWhen.ANY;
        }
        List<Channel> channels = null;
        List<String> stores = null;
        List<String> partners = null;
        Map<String, String> storeAttributes = null;
        List<String> payment = null;
        List<String> categories = null;
        List<String> skus = null;
        List<String> tiers = null;
        List<String> segments = null;
        boolean coupon = false;
        long minTotal = 0;
        String from = null;
        String to = null;
        List<String> weekdays = null;
        String hours = null;
        long birthdayWindowDays = PromotionWhen.NO_BIRTHDAY_WINDOW;
        boolean firstPurchase = false;
        String activity = null;
        String field;
        while ((field = r.nextField()) != null)
        {
            final String where = "when." + field;
            switch (field)
            {
                case "channels" ->
                {
                    final List<String> names = strings(r, where);
                    channels = new ArrayList<>(names.size());
                    for (int i = 0; i < names.size(); i++)
                    {
                        channels.add(AdminBodies.channel(names.get(i), where + "[" + i + "]"));
                    }
                }
                case "stores" -> stores = strings(r, where);
                case "partners" -> partners = strings(r, where);
                case "storeAttributes" -> storeAttributes = r.stringMap(where, 64);
                case "payment" -> payment = strings(r, where);
                case "categories" -> categories = strings(r, where);
                case "skus" -> skus = strings(r, where);
                case "tiers" -> tiers = strings(r, where);
                case "segments" -> segments = strings(r, where);
                case "coupon" -> coupon = !r.nextIsNull() && currentBool(r, where);
                case "minTotal" -> minTotal = nullableInteger(r, where, 0, PromotionValidation.MAX_MONEY, 0);
                case "from" -> from = PurchaseBodies.occurredAt(r, where);
                case "to" -> to = PurchaseBodies.occurredAt(r, where);
                case "weekdays" -> weekdays = strings(r, where);
                case "hours" -> hours = r.nullableString(where);
                case "birthdayWindowDays" -> birthdayWindowDays = nullableInteger(
                    r, where, 0, PromotionValidation.MAX_BIRTHDAY_WINDOW, PromotionWhen.NO_BIRTHDAY_WINDOW);
                case "firstPurchase" -> firstPurchase = !r.nextIsNull() && currentBool(r, where);
                case "activity" -> activity = r.nullableString(where);
                default -> throw JsonReader.unknownField(where);
            }
        }
        return new PromotionWhen(channels, stores, partners, storeAttributes, payment, categories, skus, tiers,
            segments, coupon, minTotal, from, to, weekdays, hours, birthdayWindowDays, firstPurchase, activity);
    }

    private static PromotionThen then(final JsonReader r)
    {
        if (!r.startObject("then"))
        {
            return PromotionThen.NONE;
        }
        long earnBp = 0;
        long earnPoints = 0;
        long multiplierPct = 0;
        long discountBp = 0;
        long discountMinor = 0;
        String field;
        while ((field = r.nextField()) != null)
        {
            final String where = "then." + field;
            switch (field)
            {
                case "earnBp" -> earnBp = nullableInteger(r, where, 0, PromotionValidation.MAX_BP, 0);
                case "earnPoints" -> earnPoints = nullableInteger(r, where, 0, PromotionValidation.MAX_POINTS, 0);
                case "multiplierPct" -> multiplierPct = nullableInteger(r, where, 0, PromotionValidation.MAX_BP, 0);
                case "discountBp" -> discountBp = nullableInteger(r, where, 0, PromotionValidation.MAX_BP, 0);
                case "discountMinor" -> discountMinor = nullableInteger(r, where, 0, PromotionValidation.MAX_MONEY, 0);
                default -> throw JsonReader.unknownField(where);
            }
        }
        return new PromotionThen(earnBp, earnPoints, multiplierPct, discountBp, discountMinor);
    }

    private static PromotionLimits limits(final JsonReader r)
    {
        if (!r.startObject("limits"))
        {
            return PromotionLimits.NONE;
        }
        long maxPointsPerTx = 0;
        long maxUsesPerMember = 0;
        long budgetPoints = 0;
        String field;
        while ((field = r.nextField()) != null)
        {
            final String where = "limits." + field;
            switch (field)
            {
                case "maxPointsPerTx" -> maxPointsPerTx = nullableInteger(r, where, 0, PromotionValidation.MAX_POINTS, 0);
                case "maxUsesPerMember" ->
                    maxUsesPerMember = nullableInteger(r, where, 0, PromotionValidation.MAX_USES, 0);
                case "budgetPoints" -> budgetPoints = nullableInteger(r, where, 0, PromotionValidation.MAX_BUDGET, 0);
                default -> throw JsonReader.unknownField(where);
            }
        }
        return new PromotionLimits(maxPointsPerTx, maxUsesPerMember, budgetPoints);
    }

    /**
     * {@code POST /v1/coupons}: {@code {"requestId","promotionId","codes":[…],"usesPerCode"}} or
     * {@code {"requestId","promotionId","generate":N}}; generated codes are drawn here, unguessable.
     */
    static Commands.CreateCoupons coupons(final JsonReader r)
    {
        String requestId = null;
        String promotionId = null;
        List<String> codes = null;
        long generate = -1;
        long usesPerCode = 1;
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "promotionId" -> promotionId = r.id("promotionId");
                case "codes" -> codes = PurchaseBodies.codes(r, "codes", PromotionValidation.MAX_COUPONS_PER_REQUEST);
                case "generate" -> generate = r.integer("generate", 1, PromotionValidation.MAX_COUPONS_PER_REQUEST);
                case "usesPerCode" -> usesPerCode = r.integer("usesPerCode", 0, PromotionValidation.MAX_USES);
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (promotionId == null)
        {
            throw new BadRequestException("promotionId is required");
        }
        if ((codes == null || codes.isEmpty()) == (generate < 0))
        {
            throw new BadRequestException("give either codes or generate");
        }
        final boolean generated = generate > 0;
        final Commands.CreateCoupons c = new Commands.CreateCoupons(
            requestId, promotionId, generated ? generate((int)generate) : codes, generated, usesPerCode);
        final String problem = PromotionValidation.couponsProblem(c);
        if (problem != null)
        {
            throw new BadRequestException(problem);
        }
        return c;
    }

    /** {@code n} distinct random codes. */
    static List<String> generate(final int n)
    {
        final HashSet<String> seen = new HashSet<>(n * 2);
        final ArrayList<String> codes = new ArrayList<>(n);
        final char[] c = new char[GENERATED_CODE_LENGTH];
        while (codes.size() < n)
        {
            for (int i = 0; i < c.length; i++)
            {
                c[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
            }
            final String code = new String(c);
            if (seen.add(code))
            {
                codes.add(code);
            }
        }
        return codes;
    }

    /** {@code POST /v1/activities}. */
    static Commands.RecordActivity activity(final JsonReader r, final String scopePartnerId)
    {
        String requestId = null;
        MemberRef member = null;
        String type = null;
        String storeId = null;
        String occurredAt = null;
        Map<String, String> attributes = Map.of();
        r.startBody();
        String field;
        while ((field = r.nextField()) != null)
        {
            switch (field)
            {
                case "requestId" -> requestId = r.id("requestId");
                case "member" -> member = PurchaseBodies.memberRef(r, "member");
                case "type" -> type = JsonReader.checkUpperSnake("type", r.string("type"));
                case "storeId" -> storeId = r.id("storeId");
                case "occurredAt" -> occurredAt = PurchaseBodies.occurredAt(r, "occurredAt");
                case "attributes" ->
                {
                    final Map<String, String> a = r.stringMap("attributes", MemberBodies.MAX_ATTRIBUTES);
                    attributes = a == null ? Map.of() : a;
                }
                default -> throw JsonReader.unknownField(field);
            }
        }
        r.endBody();
        MemberBodies.requireRequestId(requestId);
        if (member == null)
        {
            throw new BadRequestException("member is required");
        }
        if (type == null)
        {
            throw new BadRequestException("type is required");
        }
        if (storeId == null)
        {
            throw new BadRequestException("storeId is required");
        }
        return new Commands.RecordActivity(requestId, scopePartnerId, member, type, storeId, occurredAt, attributes);
    }

    /** An array of strings (each 1-64 printable characters); null for JSON null. */
    private static List<String> strings(final JsonReader r, final String where)
    {
        final List<String> list = PurchaseBodies.codes(r, where, PromotionValidation.MAX_LIST);
        return list.isEmpty() ? null : list;
    }

    private static boolean currentBool(final JsonReader r, final String where)
    {
        return switch (r.current())
        {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw new BadRequestException(where + " must be true or false");
        };
    }

    private static long nullableInteger(
        final JsonReader r, final String where, final long min, final long max, final long ifNull)
    {
        return r.nextIsNull() ? ifNull : r.currentInteger(where, min, max);
    }
}
