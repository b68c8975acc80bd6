package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Channel;
import dev.loyalty.engine.promotion.PromotionValidation;

/**
 * What an achievement counts: a kind and, for {@code ACTIVITY:<TYPE>} and {@code CATEGORY_SPEND:<category>},
 * its parameter (null otherwise).
 */
record AchievementMetric(Kind kind, String parameter)
{
    /** How many distinct channels there are: the largest CHANNELS target. */
    static final int CHANNEL_COUNT = Channel.values().length;

    enum Kind
    {
        PURCHASES, SPEND, POINTS_EARNED, ACTIVITY, CATEGORY_SPEND, CHANNELS
    }

    /** The metric a text names, or null when it names none. */
    static AchievementMetric parse(final String text)
    {
        if (text == null)
        {
            return null;
        }
        switch (text)
        {
            case "PURCHASES":
                return new AchievementMetric(Kind.PURCHASES, null);
            case "SPEND":
                return new AchievementMetric(Kind.SPEND, null);
            case "POINTS_EARNED":
                return new AchievementMetric(Kind.POINTS_EARNED, null);
            case "CHANNELS":
                return new AchievementMetric(Kind.CHANNELS, null);
            default:
                break;
        }
        if (text.startsWith("ACTIVITY:"))
        {
            final String type = text.substring("ACTIVITY:".length());
            return PromotionValidation.upperSnake(type) ? new AchievementMetric(Kind.ACTIVITY, type) : null;
        }
        if (text.startsWith("CATEGORY_SPEND:"))
        {
            final String category = text.substring("CATEGORY_SPEND:".length());
            return PromotionValidation.badId(category) ? null : new AchievementMetric(Kind.CATEGORY_SPEND, category);
        }
        return null;
    }

    /** True for the metrics that count money, which refunds take back. */
    boolean money()
    {
        return kind == Kind.SPEND || kind == Kind.CATEGORY_SPEND;
    }
}
