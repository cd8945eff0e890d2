package io.github.mp4j.testkit;

import java.net.URL;
import java.net.URLClassLoader;
import org.example.mp4j.hostile.Hostile;

/**
 * Instances of the testkit's sample types made in a separate class loader, so that creating one (and running
 * its static initialiser) leaves the test JVM's own copy of the class untouched. This is how the suite sends a
 * {@link Hostile} without its initialiser ever running in the application class loader.
 */
public final class IsolatedSamples {
    private IsolatedSamples() {
    }

    /**
     * A new class loader that loads the testkit's classes itself (its parent is the platform loader), so its
     * copies of the sample classes and of {@code HostileFlag} are independent of the application loader's.
     */
    public static URLClassLoader newLoader() {
        URL testkit = Hostile.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader("mp4j-isolated-samples", new URL[] {testkit}, ClassLoader.getPlatformClassLoader());
    }

    /** A {@link Hostile} created in a fresh isolated loader: its initialiser runs there, not here. */
    public static Object hostile() {
        try {
            Class<?> type = Class.forName(Hostile.class.getName(), true, newLoader());
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + Hostile.class.getName() + " in an isolated loader: "
                    + e, e);
        }
    }

    /**
     * An allowed {@code FinalFieldHolder} holding a {@code FinalHostile} (a final class the sample policy refuses),
     * both created in a fresh isolated loader.
     */
    public static Object holderOfFinalHostile() {
        try {
            ClassLoader loader = newLoader();
            Class<?> hostile = Class.forName("org.example.mp4j.hostile.FinalHostile", true, loader);
            Class<?> holder = Class.forName("org.example.mp4j.samples.FinalFieldHolder", true, loader);
            return holder.getConstructor(String.class, hostile).newInstance("holder",
                    hostile.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a FinalFieldHolder in an isolated loader: " + e, e);
        }
    }

    /** Whether {@link Hostile}'s initialiser ran in {@code loader} (reads that loader's {@code HostileFlag}). */
    public static boolean hostileInitialisedIn(ClassLoader loader) {
        try {
            Class<?> flag = Class.forName("org.example.mp4j.hostile.HostileFlag", true, loader);
            return (Boolean) flag.getMethod("initialised").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read HostileFlag in " + loader + ": " + e, e);
        }
    }
}
