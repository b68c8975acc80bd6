package dev.loyalty.engine.logic;

import dev.loyalty.engine.command.Identifier;
import dev.loyalty.engine.promotion.MemberPromotionUses;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A member's state. Balance buckets: {@code available} (may be negative: {@code debt} is the part of it below
 * zero that new points pay off first), {@code pending} (earned, not yet activated) and {@code held} (taken by
 * open authorizations). Always: {@code available == sum(remaining of non-pending lots) - debt},
 * {@code pending == sum(remaining of pending lots)}, {@code held == sum(open holds)}, and
 * {@code available + pending + held == sum(ledger points)}.
 */
final class Member
{
    static final String BASE_TIER = "base";

    final String memberId;
    final long number;
    final String homePartnerId;
    final String referralCode;
    final String referrerId;
    final String birthday;
    /** The birthday's month (1..12) and day, 0 when the birthday is unknown: promotions read them. */
    final int birthMonth;
    final int birthDay;
    final ArrayList<Identifier> identifiers = new ArrayList<>(2);
    final LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
    /** Oldest first: by earnedAt, then lotId. */
    final ArrayList<Lot> lots = new ArrayList<>();
    /** In increasing seq. */
    final ArrayList<LedgerEntry> ledger = new ArrayList<>();
    final MemberStats stats = new MemberStats();
    /** How often each promotion applied to this member, for maxUsesPerMember. */
    final MemberPromotionUses promotionUses = new MemberPromotionUses();
    /** The member's tier: every member is in {@link #BASE_TIER} until tiers are configured. */
    String tier = BASE_TIER;
    /** Every change of {@link #tier}, oldest first. */
    final ArrayList<TierChange> tierHistory = new ArrayList<>(0);
    /** Qualifying amounts by day while tiers are configured, null until the member has one. */
    TierWindow tierWindow;
    /** When the oldest amount of {@link #tierWindow} leaves it. */
    DueWork tierDue;
    /** Progress toward each achievement, by {@link Achievement#index}; null entries (or array) until touched. */
    AchievementProgress[] achievements;
    long available;
    long pending;
    long held;
    long debt;
    int openAuthorizations;
    /** The member this one was merged into, or null while live. */
    Member mergedInto;

    Member(
        final String memberId,
        final long number,
        final String homePartnerId,
        final String referralCode,
        final String referrerId,
        final String birthday)
    {
        this.memberId = memberId;
        this.number = number;
        this.homePartnerId = homePartnerId;
        this.referralCode = referralCode;
        this.referrerId = referrerId;
        this.birthday = birthday;
        if (birthday != null && isPlainDate(birthday))
        {
            this.birthMonth = (birthday.charAt(5) - '0') * 10 + birthday.charAt(6) - '0';
            this.birthDay = (birthday.charAt(8) - '0') * 10 + birthday.charAt(9) - '0';
        }
        else
        {
            final LocalDate date = birthday == null ? null : LocalDate.parse(birthday);
            this.birthMonth = date == null ? 0 : date.getMonthValue();
            this.birthDay = date == null ? 0 : date.getDayOfMonth();
        }
    }

    /**
     * True for {@code yyyy-MM-dd} with digits only, whose month and day are read straight from the text (a
     * birthday reaches a member only once {@code LocalDate.parse} accepted it; other forms are parsed again).
     */
    private static boolean isPlainDate(final String s)
    {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-')
        {
            return false;
        }
        for (int i = 0; i < 10; i++)
        {
            final char c = s.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9'))
            {
                return false;
            }
        }
        return true;
    }

    /** The live member this one resolves to (itself unless merged). */
    Member live()
    {
        Member m = this;
        while (m.mergedInto != null)
        {
            m = m.mergedInto;
        }
        return m;
    }

    long total()
    {
        return available + pending + held;
    }
}
