package dev.loyalty.gateway;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeakDetectionTest
{
    @Test
    void shouldTurnTheDetectorOffUnlessALevelIsAsked()
    {
        final Level before = ResourceLeakDetector.getLevel();
        final String asked = System.getProperty(LeakDetection.PROPERTY);
        try
        {
            System.clearProperty(LeakDetection.PROPERTY);
            ResourceLeakDetector.setLevel(Level.SIMPLE);
            assertEquals(Level.DISABLED, LeakDetection.offUnlessAsked());
            assertEquals(Level.DISABLED, ResourceLeakDetector.getLevel());

            System.setProperty(LeakDetection.PROPERTY, "paranoid");
            ResourceLeakDetector.setLevel(Level.PARANOID);
            assertEquals(Level.PARANOID, LeakDetection.offUnlessAsked(), "a level asked for is kept");
        }
        finally
        {
            // the other tests of this JVM keep Netty's default, so that a leak still fails them
            if (asked == null)
            {
                System.clearProperty(LeakDetection.PROPERTY);
            }
            else
            {
                System.setProperty(LeakDetection.PROPERTY, asked);
            }
            ResourceLeakDetector.setLevel(before);
        }
    }
}
