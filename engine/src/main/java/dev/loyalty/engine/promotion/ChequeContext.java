package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.Line;

import java.util.List;
import java.util.Map;

/**
 * The facts about one purchase or activity that promotion conditions read: where (store, partner, channel,
 * store attributes), when ({@code occurredAt} in its own offset), what (payment, lines, total, coupons) and who
 * (tier, segment, birthday, first purchase, uses so far). A reusable holder: the caller sets every part with
 * the setters, which compute what matching needs without allocating. One instance serves one thread.
 */
public final class ChequeContext
{
    private static final MemberPromotionUses NO_USES = new MemberPromotionUses();

    String storeId;
    String partnerId;
    Channel channel;
    Map<String, String> storeAttributes;
    String payment;
    List<Line> lines = List.of();
    long total;
    List<String> coupons = List.of();
    long epochMillis;
    long localDay;
    int minuteOfDay;
    int weekday;
    boolean member;
    String tier;
    String segment;
    int birthMonth;
    int birthDay;
    boolean firstPurchase;
    MemberPromotionUses uses = NO_USES;
    String activityType;

    /** The store the purchase or activity happens in. */
    public ChequeContext store(
        final String storeId, final String partnerId, final Channel channel, final Map<String, String> attributes)
    {
        this.storeId = storeId;
        this.partnerId = partnerId;
        this.channel = channel;
        this.storeAttributes = attributes;
        return this;
    }

    /**
     * A purchase: its payment word (or null), lines and presented coupon codes. The total is summed here,
     * saturating at {@code Long.MAX_VALUE} for a cheque that overflows (the pricer rejects it anyway).
     */
    public ChequeContext purchase(final String payment, final List<Line> lines, final List<String> coupons)
    {
        this.payment = payment;
        this.lines = lines;
        this.coupons = coupons;
        this.activityType = null;
        long sum = 0;
        for (int i = 0, n = lines.size(); i < n; i++)
        {
            final Line line = lines.get(i);
            final long amount = line.qty() * line.unitPrice();
            final boolean overflow = Math.multiplyHigh(line.qty(), line.unitPrice()) != 0 || amount < 0 ||
                sum + amount < 0;
            sum = overflow ? Long.MAX_VALUE : sum + amount;
        }
        this.total = sum;
        return this;
    }

    /** An activity of the given type: no payment, lines or coupons. */
    public ChequeContext activity(final String type)
    {
        this.payment = null;
        this.lines = List.of();
        this.coupons = List.of();
        this.total = 0;
        this.activityType = type;
        return this;
    }

    /** Business time: the instant and the offset it was given in (weekday, hours and birthday read that offset). */
    public ChequeContext occurredAt(final long epochMillis, final int offsetSeconds)
    {
        this.epochMillis = epochMillis;
        this.localDay = LocalCalendar.localDay(epochMillis, offsetSeconds);
        this.minuteOfDay = LocalCalendar.minuteOfDay(epochMillis, offsetSeconds);
        this.weekday = LocalCalendar.weekday(localDay);
        return this;
    }

    /**
     * A known member.
     *
     * @param tier          the member's tier ({@code base} until tiers exist).
     * @param segment       the member's attribute {@code segment}, or null.
     * @param birthMonth    1..12, or 0 when the birthday is unknown.
     * @param birthDay      1..31, or 0 when the birthday is unknown.
     * @param firstPurchase true when this would be the member's first purchase.
     * @param uses          the member's promotion uses so far.
     */
    public ChequeContext member(
        final String tier,
        final String segment,
        final int birthMonth,
        final int birthDay,
        final boolean firstPurchase,
        final MemberPromotionUses uses)
    {
        this.member = true;
        this.tier = tier;
        this.segment = segment;
        this.birthMonth = birthMonth;
        this.birthDay = birthDay;
        this.firstPurchase = firstPurchase;
        this.uses = uses;
        return this;
    }

    /** An anonymous sale: no member condition holds, and only promotions that discount apply. */
    public ChequeContext anonymous()
    {
        this.member = false;
        this.tier = null;
        this.segment = null;
        this.birthMonth = 0;
        this.birthDay = 0;
        this.firstPurchase = false;
        this.uses = NO_USES;
        return this;
    }

    public boolean hasMember()
    {
        return member;
    }

    public long total()
    {
        return total;
    }
}
