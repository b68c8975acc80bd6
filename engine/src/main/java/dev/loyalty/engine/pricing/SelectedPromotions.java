package dev.loyalty.engine.pricing;

import java.util.Arrays;

/**
 * The promotions selected for one cheque (matched, stacking decided, in application order), as the pricer's
 * zero-allocation core reads them: each entry's effect figures and its scope, one flag per cheque line.
 * <p>
 * A reusable, preallocated buffer: {@link #clear(int)} starts a cheque, {@link #add} appends a promotion and
 * {@link #includeLine} / {@link #includeAllLines} mark its scope. It grows (allocates) only when a cheque has
 * more lines or promotions than it has seen before; one instance serves one thread.
 */
public final class SelectedPromotions
{
    private int lineCount;
    private int count;
    private int lineCapacity;
    private String[] ids;
    private long[] discountBp;
    private long[] discountMinor;
    private long[] earnBp;
    private long[] earnPoints;
    private long[] multiplierPct;
    private long[] maxPointsPerTx;
    private long[] budgetPointsLeft;
    private boolean[][] scopes;

    /** A buffer for cheques of up to {@link Pricer#MAX_LINES} lines and 16 promotions before it grows. */
    public SelectedPromotions()
    {
        this(Pricer.MAX_LINES, 16);
    }

    /**
     * @param lineCapacity      lines a cheque may have before the buffer grows.
     * @param promotionCapacity promotions before the buffer grows.
     */
    public SelectedPromotions(final int lineCapacity, final int promotionCapacity)
    {
        this.lineCapacity = Math.max(1, lineCapacity);
        allocate(Math.max(1, promotionCapacity));
    }

    /** Starts a new cheque of {@code lineCount} lines with no promotion. */
    public SelectedPromotions clear(final int lineCount)
    {
        if (lineCount < 0)
        {
            throw new IllegalArgumentException("lineCount must not be negative: " + lineCount);
        }
        if (lineCount > lineCapacity)
        {
            lineCapacity = lineCount;
            for (int p = 0; p < scopes.length; p++)
            {
                scopes[p] = new boolean[lineCapacity];
            }
        }
        this.lineCount = lineCount;
        this.count = 0;
        return this;
    }

    /**
     * Appends a promotion with an empty scope.
     *
     * @param budgetPointsLeft what is left of its points budget; {@code Long.MAX_VALUE} when it has none.
     * @return the promotion's index, for {@link #includeLine(int, int)}.
     */
    public int add(
        final String promotionId,
        final long discountBp,
        final long discountMinor,
        final long earnBp,
        final long earnPoints,
        final long multiplierPct,
        final long maxPointsPerTx,
        final long budgetPointsLeft)
    {
        if (count == ids.length)
        {
            grow();
        }
        final int p = count++;
        ids[p] = promotionId;
        this.discountBp[p] = discountBp;
        this.discountMinor[p] = discountMinor;
        this.earnBp[p] = earnBp;
        this.earnPoints[p] = earnPoints;
        this.multiplierPct[p] = multiplierPct;
        this.maxPointsPerTx[p] = maxPointsPerTx;
        this.budgetPointsLeft[p] = budgetPointsLeft;
        Arrays.fill(scopes[p], 0, lineCount, false);
        return p;
    }

    /** Puts cheque line {@code line} into the scope of promotion {@code index}. */
    public void includeLine(final int index, final int line)
    {
        if (line < 0 || line >= lineCount)
        {
            throw new IndexOutOfBoundsException("line " + line + " of " + lineCount);
        }
        scopes[index][line] = true;
    }

    /** Puts every line of the cheque into the scope of promotion {@code index}. */
    public void includeAllLines(final int index)
    {
        Arrays.fill(scopes[index], 0, lineCount, true);
    }

    public int count()
    {
        return count;
    }

    public int lineCount()
    {
        return lineCount;
    }

    public String promotionId(final int index)
    {
        return ids[index];
    }

    public long discountBp(final int index)
    {
        return discountBp[index];
    }

    public long discountMinor(final int index)
    {
        return discountMinor[index];
    }

    public long earnBp(final int index)
    {
        return earnBp[index];
    }

    public long earnPoints(final int index)
    {
        return earnPoints[index];
    }

    public long multiplierPct(final int index)
    {
        return multiplierPct[index];
    }

    public long maxPointsPerTx(final int index)
    {
        return maxPointsPerTx[index];
    }

    public long budgetPointsLeft(final int index)
    {
        return budgetPointsLeft[index];
    }

    public boolean inScope(final int index, final int line)
    {
        return scopes[index][line];
    }

    /** The scope row of a promotion; only its first {@link #lineCount()} flags are meaningful. */
    boolean[] scope(final int index)
    {
        return scopes[index];
    }

    private void allocate(final int capacity)
    {
        ids = new String[capacity];
        discountBp = new long[capacity];
        discountMinor = new long[capacity];
        earnBp = new long[capacity];
        earnPoints = new long[capacity];
        multiplierPct = new long[capacity];
        maxPointsPerTx = new long[capacity];
        budgetPointsLeft = new long[capacity];
        scopes = new boolean[capacity][lineCapacity];
    }

    private void grow()
    {
        final int capacity = ids.length * 2;
        ids = Arrays.copyOf(ids, capacity);
        discountBp = Arrays.copyOf(discountBp, capacity);
        discountMinor = Arrays.copyOf(discountMinor, capacity);
        earnBp = Arrays.copyOf(earnBp, capacity);
        earnPoints = Arrays.copyOf(earnPoints, capacity);
        multiplierPct = Arrays.copyOf(multiplierPct, capacity);
        maxPointsPerTx = Arrays.copyOf(maxPointsPerTx, capacity);
        budgetPointsLeft = Arrays.copyOf(budgetPointsLeft, capacity);
        final boolean[][] wider = Arrays.copyOf(scopes, capacity);
        for (int p = scopes.length; p < capacity; p++)
        {
            wider[p] = new boolean[lineCapacity];
        }
        scopes = wider;
    }
}
