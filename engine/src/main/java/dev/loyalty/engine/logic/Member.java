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
    /**
     * The collections below start as a shared empty one that refuses to be added to, and are made the member's
     * own on the first addition ({@link #attributesForWrite()}, {@link #lotsForWrite()}, ...): most members at rest
     * have no attributes, tier changes, or even lots and ledger, and four empty collections were 128 bytes a
     * member. Read them directly; add through the accessors.
     */
    LinkedHashMap<String, String> attributes = noAttributes();
    /** Oldest first: by earnedAt, then lotId. */
    ArrayList<Lot> lots = noList();
    /** In increasing seq. */
    ArrayList<LedgerEntry> ledger = noList();
    /** The shared {@link MemberStats#NOTHING} until the first purchase or credit: read directly, change through
     * {@link #statsForWrite()}. */
    MemberStats stats = MemberStats.NOTHING;
    /** How often each promotion applied to this member, for maxUsesPerMember. */
    final MemberPromotionUses promotionUses = new MemberPromotionUses();
    /** The member's tier: every member is in {@link #BASE_TIER} until tiers are configured. */
    String tier = BASE_TIER;
    /** Every change of {@link #tier}, oldest first. */
    ArrayList<TierChange> tierHistory = noList();
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

    MemberStats statsForWrite()
    {
        if (stats == MemberStats.NOTHING)
        {
            stats = new MemberStats();
        }
        return stats;
    }

    LinkedHashMap<String, String> attributesForWrite()
    {
        if (attributes == NO_ATTRIBUTES)
        {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }

    ArrayList<Lot> lotsForWrite()
    {
        if (lots == (Object)NO_LIST)
        {
            lots = new ArrayList<>();
        }
        return lots;
    }

    ArrayList<LedgerEntry> ledgerForWrite()
    {
        if (ledger == (Object)NO_LIST)
        {
            ledger = new ArrayList<>();
        }
        return ledger;
    }

    ArrayList<TierChange> tierHistoryForWrite()
    {
        if (tierHistory == (Object)NO_LIST)
        {
            tierHistory = new ArrayList<>(2);
        }
        return tierHistory;
    }

    @SuppressWarnings("unchecked")
    private static <E> ArrayList<E> noList()
    {
        return (ArrayList<E>)NO_LIST;
    }

    private static LinkedHashMap<String, String> noAttributes()
    {
        return NO_ATTRIBUTES;
    }

    private static final ArrayList<Object> NO_LIST = new EmptyList();
    private static final LinkedHashMap<String, String> NO_ATTRIBUTES = new EmptyAttributes();

    /** The shared empty list: adding to it is a bug (add through the member's accessor), so it throws. */
    private static final class EmptyList extends ArrayList<Object>
    {
        EmptyList()
        {
            super(0);
        }

        public boolean add(final Object o)
        {
            throw new UnsupportedOperationException("the shared empty list: add through the member's accessor");
        }

        public void add(final int index, final Object o)
        {
            throw new UnsupportedOperationException("the shared empty list: add through the member's accessor");
        }

        public boolean addAll(final java.util.Collection<?> c)
        {
            if (c.isEmpty())
            {
                return false;
            }
            throw new UnsupportedOperationException("the shared empty list: add through the member's accessor");
        }

        public boolean addAll(final int index, final java.util.Collection<?> c)
        {
            return addAll(c);
        }

        /** Nothing to clear or sort, and the shared list's modification count must never change. */
        public void clear()
        {
        }

        public void sort(final java.util.Comparator<? super Object> c)
        {
        }
    }

    /** The shared empty attributes: putting into them is a bug (put through the accessor), so it throws. */
    private static final class EmptyAttributes extends LinkedHashMap<String, String>
    {
        EmptyAttributes()
        {
            super(1);
        }

        public String put(final String key, final String value)
        {
            throw new UnsupportedOperationException("the shared empty attributes: put through the accessor");
        }

        public void putAll(final java.util.Map<? extends String, ? extends String> m)
        {
            if (!m.isEmpty())
            {
                throw new UnsupportedOperationException("the shared empty attributes: put through the accessor");
            }
        }

        /** Nothing to clear, and the shared map's modification count must never change. */
        public void clear()
        {
        }

        public String putIfAbsent(final String key, final String value)
        {
            throw new UnsupportedOperationException("the shared empty attributes: put through the accessor");
        }

        public String computeIfAbsent(
            final String key, final java.util.function.Function<? super String, ? extends String> f)
        {
            throw new UnsupportedOperationException("the shared empty attributes: put through the accessor");
        }

        public String merge(final String key, final String value,
            final java.util.function.BiFunction<? super String, ? super String, ? extends String> f)
        {
            throw new UnsupportedOperationException("the shared empty attributes: put through the accessor");
        }
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
