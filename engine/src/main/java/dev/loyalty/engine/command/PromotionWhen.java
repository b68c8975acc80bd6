package dev.loyalty.engine.command;

import java.util.List;
import java.util.Map;

/**
 * The conditions of a promotion ({@code "when"} of {@code PUT /v1/promotions/{id}}), every one optional. An
 * empty list, an empty map, {@code false}, 0, null or {@link #NO_BIRTHDAY_WINDOW} means "any": the gateway maps
 * an absent field to that value. The engine validates the values and names the field it rejects.
 *
 * @param channels           the store's channel is one of these.
 * @param stores             the store is one of these.
 * @param partners           the store's partner is one of these.
 * @param storeAttributes    every listed key of the store's attributes has the listed value.
 * @param payment            the purchase's payment word is one of these.
 * @param categories         scope: lines of these categories (with {@code skus}: lines matching either).
 * @param skus               scope: lines of these skus (with {@code categories}: lines matching either).
 * @param tiers              the member's tier is one of these.
 * @param segments           the member's attribute {@code segment} is one of these.
 * @param coupon             true: applies only when one of the promotion's coupon codes is presented.
 * @param minTotal           the cheque's total is at least this (minor units); 0: any.
 * @param from               ISO-8601 date-time with offset, inclusive; null: no start.
 * @param to                 ISO-8601 date-time with offset, exclusive; null: no end.
 * @param weekdays           {@code MON}..{@code SUN}, read in occurredAt's own offset.
 * @param hours              {@code "HH:MM-HH:MM"}, start inclusive, end exclusive, in occurredAt's own offset
 *                           (a start after the end wraps midnight); null: any.
 * @param birthdayWindowDays within this many days of the member's birthday; {@link #NO_BIRTHDAY_WINDOW}: any.
 * @param firstPurchase      true: only the member's first purchase.
 * @param activity           an activity type (UPPER_SNAKE): an activity rule instead of a purchase rule; null: a
 *                           purchase rule.
 */
public record PromotionWhen(
    List<Channel> channels,
    List<String> stores,
    List<String> partners,
    Map<String, String> storeAttributes,
    List<String> payment,
    List<String> categories,
    List<String> skus,
    List<String> tiers,
    List<String> segments,
    boolean coupon,
    long minTotal,
    String from,
    String to,
    List<String> weekdays,
    String hours,
    long birthdayWindowDays,
    boolean firstPurchase,
    String activity)
{
    /** {@code birthdayWindowDays} when the body has none. */
    public static final long NO_BIRTHDAY_WINDOW = -1;

    /** No condition at all: a purchase rule that matches every purchase. */
    public static final PromotionWhen ANY = new PromotionWhen(
        null, null, null, null, null, null, null, null, null, false, 0, null, null, null, null, NO_BIRTHDAY_WINDOW,
        false, null);

    public PromotionWhen
    {
        channels = channels == null ? List.of() : List.copyOf(channels);
        stores = list(stores);
        partners = list(partners);
        storeAttributes = Commands.copy(storeAttributes);
        payment = list(payment);
        categories = list(categories);
        skus = list(skus);
        tiers = list(tiers);
        segments = list(segments);
        weekdays = list(weekdays);
    }

    private static List<String> list(final List<String> values)
    {
        return values == null ? List.of() : List.copyOf(values);
    }
}
