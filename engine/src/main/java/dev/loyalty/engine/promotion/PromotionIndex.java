package dev.loyalty.engine.promotion;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.command.PromotionWhen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Enabled promotions filed under one anchor each, so that a cheque looks only at the promotions that could
 * match it. A promotion's anchor is its most selective indexable condition, every one of which it needs:
 * <ol>
 *     <li>{@code coupon: true}: not filed at all, reached through its presented codes;</li>
 *     <li>an activity rule: its activity type;</li>
 *     <li>{@code skus} and {@code categories}: each listed sku and category (a cheque reaches it through its
 *     lines; its scope is the lines matching either);</li>
 *     <li>then the first of {@code stores}, {@code segments}, {@code partners}, {@code payment},
 *     {@code channels} it names, under each listed value;</li>
 *     <li>none of these: the unanchored list every cheque visits.</li>
 * </ol>
 * The lookups are hash maps that are read, never iterated; bucket order does not matter because the matcher
 * orders what it selects by priority and promotionId.
 */
final class PromotionIndex
{
    final PromotionBucket unanchored = new PromotionBucket();
    final List<PromotionBucket> byChannel = new ArrayList<>();
    final HashMap<String, PromotionBucket> bySku = new HashMap<>();
    final HashMap<String, PromotionBucket> byCategory = new HashMap<>();
    final HashMap<String, PromotionBucket> byStore = new HashMap<>();
    final HashMap<String, PromotionBucket> bySegment = new HashMap<>();
    final HashMap<String, PromotionBucket> byPartner = new HashMap<>();
    final HashMap<String, PromotionBucket> byPayment = new HashMap<>();
    final HashMap<String, PromotionBucket> byActivity = new HashMap<>();

    PromotionIndex()
    {
        for (int i = 0; i < Channel.values().length; i++)
        {
            byChannel.add(new PromotionBucket());
        }
    }

    /** Files an enabled promotion under its anchor; a disabled one is not filed. */
    void add(final Promotion p)
    {
        file(p, true);
    }

    /** Takes a promotion out of the buckets {@link #add} put it in. */
    void remove(final Promotion p)
    {
        file(p, false);
    }

    private void file(final Promotion p, final boolean add)
    {
        if (!p.enabled || p.coupon)
        {
            return;
        }
        final PromotionWhen w = p.definition.when();
        if (w.activity() != null)
        {
            bucket(byActivity, w.activity(), p, add);
        }
        else if (!w.skus().isEmpty() || !w.categories().isEmpty())
        {
            file(bySku, w.skus(), p, add);
            file(byCategory, w.categories(), p, add);
        }
        else if (!w.stores().isEmpty())
        {
            file(byStore, w.stores(), p, add);
        }
        else if (!w.segments().isEmpty())
        {
            file(bySegment, w.segments(), p, add);
        }
        else if (!w.partners().isEmpty())
        {
            file(byPartner, w.partners(), p, add);
        }
        else if (!w.payment().isEmpty())
        {
            file(byPayment, w.payment(), p, add);
        }
        else if (!w.channels().isEmpty())
        {
            for (final Channel channel : w.channels())
            {
                change(byChannel.get(channel.ordinal()), p, add);
            }
        }
        else
        {
            change(unanchored, p, add);
        }
    }

    private static void file(
        final HashMap<String, PromotionBucket> map, final List<String> keys, final Promotion p, final boolean add)
    {
        for (int i = 0, n = keys.size(); i < n; i++)
        {
            bucket(map, keys.get(i), p, add);
        }
    }

    private static void bucket(
        final HashMap<String, PromotionBucket> map, final String key, final Promotion p, final boolean add)
    {
        PromotionBucket bucket = map.get(key);
        if (bucket == null)
        {
            if (!add)
            {
                return;
            }
            bucket = new PromotionBucket();
            map.put(key, bucket);
        }
        change(bucket, p, add);
        if (bucket.isEmpty())
        {
            map.remove(key);
        }
    }

    private static void change(final PromotionBucket bucket, final Promotion p, final boolean add)
    {
        if (add)
        {
            bucket.add(p);
        }
        else
        {
            bucket.remove(p);
        }
    }
}
