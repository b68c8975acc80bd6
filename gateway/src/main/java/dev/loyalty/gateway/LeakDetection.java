package dev.loyalty.gateway;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detector for a server in production. Netty's default ({@code simple}) records a stack trace
 * for one buffer in 128 to report it if it is never released: on {@code loyalty serve}'s event loop that was 4.1%
 * of its CPU under load (async-profiler, binary protocol, closed loop; {@code Throwable.fillInStackTrace} in
 * {@code toLeakAwareBuffer}, and closing the record on release). Tests keep Netty's default, so a leak still
 * fails where it is made; a server that is asked to ({@code -Dio.netty.leakDetection.level=simple|advanced|paranoid})
 * keeps what it was asked for.
 */
public final class LeakDetection
{
    /** The system property that Netty reads, and that leaves the level alone when it is set. */
    public static final String PROPERTY = "io.netty.leakDetection.level";

    private LeakDetection()
    {
    }

    /** Turns the detector off unless {@value #PROPERTY} is set; returns the level that runs. */
    public static ResourceLeakDetector.Level offUnlessAsked()
    {
        if (System.getProperty(PROPERTY) == null)
        {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        return ResourceLeakDetector.getLevel();
    }
}
