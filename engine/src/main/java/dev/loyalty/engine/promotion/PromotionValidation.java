package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Commands;
import dev.loyalty.engine.command.PromotionLimits;
import dev.loyalty.engine.command.PromotionThen;
import dev.loyalty.engine.command.PromotionWhen;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The checks of a promotion definition and of a coupon batch. Each returns the problem as a message naming the
 * field (for 400 INVALID_REQUEST), or null when the command is valid. Pure functions of the command.
 */
public final class PromotionValidation
{
    /** The most entries a list of {@code when} may have. */
    public static final int MAX_LIST = 10_000;
    /** The most codes one {@code POST /v1/coupons} may create (given or generated). */
    public static final int MAX_COUPONS_PER_REQUEST = 10_000;
    /** The longest promotion name. */
    public static final int MAX_NAME = 256;
    /** Priorities are -1000000..1000000. */
    public static final long MAX_PRIORITY = 1_000_000;
    /** The largest basis points, percentage or figure accepted. */
    public static final long MAX_BP = 100_000;
    /** The largest fixed points (earnPoints, maxPointsPerTx). */
    public static final long MAX_POINTS = 1_000_000_000_000L;
    /** The largest points budget. */
    public static final long MAX_BUDGET = 1_000_000_000_000_000L;
    /** The largest money figure (discountMinor, minTotal): a purchase's largest total. */
    public static final long MAX_MONEY = 10_000_000_000_000L;
    /** The largest count (maxUsesPerMember, usesPerCode). */
    public static final long MAX_USES = 1_000_000_000L;
    /** The widest birthday window, in days either side. */
    public static final long MAX_BIRTHDAY_WINDOW = 183;

    private static final String[] WEEKDAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};

    private PromotionValidation()
    {
    }

    /** True unless {@code id} is 1-64 printable ASCII characters. */
    public static boolean badId(final String id)
    {
        if (id == null || id.isEmpty() || id.length() > 64)
        {
            return true;
        }
        for (int i = 0; i < id.length(); i++)
        {
            final char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e)
            {
                return true;
            }
        }
        return false;
    }

    /** True when {@code word} is UPPER_SNAKE: 1-64 of A-Z, 0-9 and _, starting with a letter. */
    public static boolean upperSnake(final String word)
    {
        if (word == null || word.isEmpty() || word.length() > 64 || word.charAt(0) < 'A' || word.charAt(0) > 'Z')
        {
            return false;
        }
        for (int i = 1; i < word.length(); i++)
        {
            final char c = word.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }
        return true;
    }

    /** The problem with a promotion definition (everything but its requestId), or null. */
    public static String problem(final Commands.PutPromotion c)
    {
        if (badId(c.promotionId()))
        {
            return "promotionId must be 1-64 printable characters";
        }
        if (c.name() == null || c.name().isEmpty() || c.name().length() > MAX_NAME)
        {
            return "name is required (1-256 characters)";
        }
        if (c.priority() < -MAX_PRIORITY || c.priority() > MAX_PRIORITY)
        {
            return "priority must be -1000000..1000000";
        }
        if (c.stacking() == null)
        {
            return "stacking must be STACK or EXCLUSIVE";
        }
        final String when = whenProblem(c.when());
        if (when != null)
        {
            return when;
        }
        final String then = thenProblem(c.then(), c.when().activity() != null);
        return then != null ? then : limitsProblem(c.limits());
    }

    private static String whenProblem(final PromotionWhen w)
    {
        final List<Channel> channels = w.channels();
        if (channels.size() > MAX_LIST)
        {
            return "when.channels has more than " + MAX_LIST + " entries";
        }
        String problem = idsProblem("when.stores", w.stores());
        problem = problem != null ? problem : idsProblem("when.partners", w.partners());
        problem = problem != null ? problem : idsProblem("when.categories", w.categories());
        problem = problem != null ? problem : idsProblem("when.skus", w.skus());
        problem = problem != null ? problem : idsProblem("when.tiers", w.tiers());
        problem = problem != null ? problem : idsProblem("when.segments", w.segments());
        if (problem != null)
        {
            return problem;
        }
        if (w.payment().size() > MAX_LIST)
        {
            return "when.payment has more than " + MAX_LIST + " entries";
        }
        for (int i = 0; i < w.payment().size(); i++)
        {
            if (!upperSnake(w.payment().get(i)))
            {
                return "when.payment[" + i + "] must be an UPPER_SNAKE word";
            }
        }
        if (w.storeAttributes().size() > MAX_LIST)
        {
            return "when.storeAttributes has more than " + MAX_LIST + " entries";
        }
        for (final Map.Entry<String, String> e : w.storeAttributes().entrySet())
        {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64)
            {
                return "when.storeAttributes keys must be 1-64 characters";
            }
            if (e.getValue() == null || e.getValue().length() > 256)
            {
                return "when.storeAttributes." + e.getKey() + " must be a string of at most 256 characters";
            }
        }
        if (w.minTotal() < 0 || w.minTotal() > MAX_MONEY)
        {
            return "when.minTotal must be 0..10000000000000";
        }
        final long from = instant(w.from());
        if (from == Long.MIN_VALUE)
        {
            return "when.from must be an ISO-8601 date-time with offset";
        }
        final long to = instant(w.to());
        if (to == Long.MIN_VALUE)
        {
            return "when.to must be an ISO-8601 date-time with offset";
        }
        if (w.from() != null && w.to() != null && to <= from)
        {
            return "when.to must be after when.from";
        }
        for (int i = 0; i < w.weekdays().size(); i++)
        {
            if (weekday(w.weekdays().get(i)) < 0)
            {
                return "when.weekdays[" + i + "] must be one of MON, TUE, WED, THU, FRI, SAT, SUN";
            }
        }
        if (w.hours() != null && (hoursStart(w.hours()) < 0 || hoursEnd(w.hours()) < 0 ||
            hoursStart(w.hours()) == hoursEnd(w.hours())))
        {
            return "when.hours must be HH:MM-HH:MM (00:00..24:00), start and end different";
        }
        if (w.birthdayWindowDays() != PromotionWhen.NO_BIRTHDAY_WINDOW &&
            (w.birthdayWindowDays() < 0 || w.birthdayWindowDays() > MAX_BIRTHDAY_WINDOW))
        {
            return "when.birthdayWindowDays must be 0..183";
        }
        if (w.activity() != null)
        {
            if (!upperSnake(w.activity()))
            {
                return "when.activity must be an UPPER_SNAKE activity type";
            }
            final String purchaseOnly = !w.categories().isEmpty() ? "categories" : !w.skus().isEmpty() ? "skus" :
                !w.payment().isEmpty() ? "payment" : w.minTotal() > 0 ? "minTotal" : w.coupon() ? "coupon" :
                w.firstPurchase() ? "firstPurchase" : null;
            if (purchaseOnly != null)
            {
                return "when." + purchaseOnly + " applies only to purchase rules, not to an activity rule";
            }
        }
        return null;
    }

    private static String thenProblem(final PromotionThen t, final boolean activityRule)
    {
        if (t.earnBp() < 0 || t.earnBp() > MAX_BP)
        {
            return "then.earnBp must be 0..100000";
        }
        if (t.earnPoints() < 0 || t.earnPoints() > MAX_POINTS)
        {
            return "then.earnPoints must be 0..1000000000000";
        }
        if (t.multiplierPct() < 0 || t.multiplierPct() > MAX_BP)
        {
            return "then.multiplierPct must be 0..100000";
        }
        if (t.discountBp() < 0 || t.discountBp() > MAX_BP)
        {
            return "then.discountBp must be 0..100000";
        }
        if (t.discountMinor() < 0 || t.discountMinor() > MAX_MONEY)
        {
            return "then.discountMinor must be 0..10000000000000";
        }
        if (activityRule)
        {
            final String purchaseOnly = t.earnBp() > 0 ? "earnBp" : t.multiplierPct() > 0 ? "multiplierPct" :
                t.discountBp() > 0 ? "discountBp" : t.discountMinor() > 0 ? "discountMinor" : null;
            if (purchaseOnly != null)
            {
                return "then." + purchaseOnly + " applies only to purchase rules: an activity rule gives earnPoints";
            }
        }
        return null;
    }

    private static String limitsProblem(final PromotionLimits l)
    {
        if (l.maxPointsPerTx() < 0 || l.maxPointsPerTx() > MAX_POINTS)
        {
            return "limits.maxPointsPerTx must be 0..1000000000000 (0: no limit)";
        }
        if (l.maxUsesPerMember() < 0 || l.maxUsesPerMember() > MAX_USES)
        {
            return "limits.maxUsesPerMember must be 0..1000000000 (0: no limit)";
        }
        if (l.budgetPoints() < 0 || l.budgetPoints() > MAX_BUDGET)
        {
            return "limits.budgetPoints must be 0..1000000000000000 (0: no limit)";
        }
        return null;
    }

    /** The problem with a coupon batch (everything but its requestId), or null. */
    public static String couponsProblem(final Commands.CreateCoupons c)
    {
        if (badId(c.promotionId()))
        {
            return "promotionId must be 1-64 printable characters";
        }
        final List<String> codes = c.codes();
        if (codes.isEmpty() || codes.size() > MAX_COUPONS_PER_REQUEST)
        {
            return (c.generated() ? "generate" : "codes") + " must give 1..10000 codes";
        }
        final HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++)
        {
            if (badId(codes.get(i)))
            {
                return "codes[" + i + "] must be 1-64 printable characters";
            }
            if (!seen.add(codes.get(i)))
            {
                return "codes[" + i + "] repeats " + codes.get(i);
            }
        }
        if (c.usesPerCode() < 0 || c.usesPerCode() > MAX_USES)
        {
            return "usesPerCode must be 0..1000000000 (0: unlimited)";
        }
        return null;
    }

    private static String idsProblem(final String field, final List<String> ids)
    {
        if (ids.size() > MAX_LIST)
        {
            return field + " has more than " + MAX_LIST + " entries";
        }
        for (int i = 0; i < ids.size(); i++)
        {
            if (badId(ids.get(i)))
            {
                return field + "[" + i + "] must be 1-64 printable characters";
            }
        }
        return null;
    }

    /** Epoch millis of an ISO-8601 date-time with offset; {@code Long.MAX_VALUE} for null, MIN_VALUE if bad. */
    private static long instant(final String text)
    {
        if (text == null)
        {
            return Long.MAX_VALUE;
        }
        try
        {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /** 0 (MON) .. 6 (SUN), or -1. */
    static int weekday(final String day)
    {
        for (int i = 0; i < WEEKDAYS.length; i++)
        {
            if (WEEKDAYS[i].equals(day))
            {
                return i;
            }
        }
        return -1;
    }

    /** The start of {@code "HH:MM-HH:MM"} in minutes of the day (0..1439), or -1. */
    static int hoursStart(final String hours)
    {
        if (hours.length() != 11 || hours.charAt(5) != '-')
        {
            return -1;
        }
        final int start = minutes(hours, 0);
        return start >= 24 * 60 ? -1 : start;
    }

    /** The end of {@code "HH:MM-HH:MM"} in minutes of the day (1..1440: 00:00 and 24:00 are midnight), or -1. */
    static int hoursEnd(final String hours)
    {
        if (hours.length() != 11 || hours.charAt(5) != '-')
        {
            return -1;
        }
        final int end = minutes(hours, 6);
        return end == 0 ? 24 * 60 : end;
    }

    private static int minutes(final String text, final int at)
    {
        if (text.charAt(at + 2) != ':')
        {
            return -1;
        }
        final int h = digits(text, at);
        final int m = digits(text, at + 3);
        if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0))
        {
            return -1;
        }
        return h * 60 + m;
    }

    private static int digits(final String text, final int at)
    {
        final char a = text.charAt(at);
        final char b = text.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9')
        {
            return -1;
        }
        return (a - '0') * 10 + (b - '0');
    }
}
