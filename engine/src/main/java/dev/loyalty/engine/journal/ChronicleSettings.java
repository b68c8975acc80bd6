package dev.loyalty.engine.journal;

/**
 * System properties Chronicle reads once, when its first class loads: no usage analytics sent home and no disk
 * space monitor thread. An explicit setting (e.g. {@code -Dchronicle.analytics.disable=false}) is left alone.
 */
final class ChronicleSettings
{
    private ChronicleSettings()
    {
    }

    static void apply()
    {
        setIfAbsent("chronicle.analytics.disable", "true");
        setIfAbsent("chronicle.disk.monitor.disable", "true");
    }

    private static void setIfAbsent(final String name, final String value)
    {
        if (System.getProperty(name) == null)
        {
            System.setProperty(name, value);
        }
    }
}
