package io.github.mp4j.serializer.kryo.internal;

import io.github.mp4j.spi.HashWork;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * Computes the {@link HashWork} weight of every object a Kryo decode reads and charges the budget for every element
 * read into a hash- or tree-based collection.
 *
 * <p>{@link PolicyKryo} wraps each nested read in {@link #enter()}/{@link #exit}: a frame sums the weights of the
 * objects read inside it; when the object is finished its weight is 1 plus that sum (back-references are read as
 * objects too, so a shared object counts again each time it is referenced) if its class's {@code hashCode} can walk
 * what it references, else 1. Weights above 1 are remembered by identity, so a back-reference to a finished object
 * brings its whole weight. Once the type of the object in a frame is known ({@link #typeOfCurrent}), a frame of a
 * hash- or tree-based collection charges every element finished in it.
 *
 * <p>A back-reference to an object that is still being read (a cycle: a list that holds a set that holds the list)
 * brings what that object already holds: Kryo fills collections element by element, so inserting the unfinished
 * object into a set hashes everything read into it so far. Its weight is then 1 plus the sums of its frame and of every
 * frame opened inside it, an upper bound of what its {@code hashCode} can visit at that moment. One instance per Kryo
 * instance, reset for each decode.
 */
final class WeightTracker {
    /** Whether instances of a class can have a {@code hashCode} that walks what they reference. */
    private static final ClassValue<Boolean> WALKS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                    || Map.Entry.class.isAssignableFrom(type) || Comparable.class.isAssignableFrom(type)) {
                return true;
            }
            try {
                Method hashCode = type.getMethod("hashCode");
                return hashCode.getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException | SecurityException e) {
                return true;
            }
        }
    };

    /** Whether a collection of this class hashes or compares the elements inserted into it. */
    private static final ClassValue<Boolean> HASHES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (EnumSet.class.isAssignableFrom(type) || EnumMap.class.isAssignableFrom(type)
                    || IdentityHashMap.class.isAssignableFrom(type)) {
                return false;
            }
            return Set.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                    || PriorityQueue.class.isAssignableFrom(type) || PriorityBlockingQueue.class.isAssignableFrom(type);
        }
    };

    private HashWork work = new HashWork(0);
    private long[] sums = new long[32];
    private boolean[] hashing = new boolean[32];
    private int depth;
    private final IdentityWeights weights = new IdentityWeights();
    /**
     * Objects created but not finished whose hashCode walks what they hold, with the frame each is read in: the
     * most recent {@value #RECENT} in {@link #recent} (a decode creates and finishes objects nesting-wise, so that
     * is where they are found and removed, without hashing), older ones in {@link #unfinished}.
     */
    private final IdentityHashMap<Object, Integer> unfinished = new IdentityHashMap<>();
    private static final int RECENT = 8;
    private final Object[] recent = new Object[RECENT];
    private final int[] recentFrames = new int[RECENT];
    private int recentCount;

    /** Starts a decode of a payload of {@code payloadLength} bytes. */
    void begin(int payloadLength) {
        work = new HashWork(payloadLength);
        end(); // clearing an IdentityHashMap fills its whole table: only when something is in it
    }

    /** Forgets the objects of the last decode, so a pooled instance keeps none of them alive. */
    void end() {
        depth = 0;
        weights.clear();
        if (!unfinished.isEmpty()) {
            unfinished.clear();
        }
        if (recentCount > 0) {
            Arrays.fill(recent, 0, recentCount, null);
            recentCount = 0;
        }
    }

    /**
     * Notes that {@code object} was created in the current frame and may be referenced before it is finished (Kryo
     * registers it for back-references before reading what it holds).
     */
    void created(Object object) {
        if (depth > 0 && object != null && WALKS.get(object.getClass()) && unfinishedFrame(object, false) == null) {
            if (recentCount == RECENT) { // the oldest recent one moves to the map
                unfinished.put(recent[0], recentFrames[0]);
                System.arraycopy(recent, 1, recent, 0, RECENT - 1);
                System.arraycopy(recentFrames, 1, recentFrames, 0, RECENT - 1);
                recentCount--;
            }
            recent[recentCount] = object;
            recentFrames[recentCount] = depth - 1;
            recentCount++;
        }
    }

    /**
     * The frame {@code object} was created in if it is not finished yet, else null; with {@code remove}, it is
     * finished now when that frame is the current one ({@link #depth}).
     */
    private Integer unfinishedFrame(Object object, boolean remove) {
        for (int i = recentCount - 1; i >= 0; i--) {
            if (recent[i] == object) {
                int frame = recentFrames[i];
                if (remove && frame == depth) {
                    System.arraycopy(recent, i + 1, recent, i, recentCount - i - 1);
                    System.arraycopy(recentFrames, i + 1, recentFrames, i, recentCount - i - 1);
                    recent[--recentCount] = null;
                }
                return frame;
            }
        }
        if (unfinished.isEmpty()) {
            return null;
        }
        Integer frame = unfinished.get(object);
        if (remove && frame != null && frame == depth) {
            unfinished.remove(object);
        }
        return frame;
    }

    /** Opens the frame of an object about to be read. */
    void enter() {
        if (depth == sums.length) {
            sums = Arrays.copyOf(sums, depth * 2);
            hashing = Arrays.copyOf(hashing, depth * 2);
        }
        sums[depth] = 0;
        hashing[depth] = false;
        depth++;
    }

    /**
     * Closes the frame opened by the matching {@link #enter()} with the object that was read (or the object a
     * back-reference resolved to), adds its weight to the enclosing frame and charges it if that frame is a hash- or
     * tree-based collection.
     *
     * @throws HashWork.Exceeded if the budget is exceeded
     */
    void exit(Object object) {
        depth--;
        if (object == null) {
            return;
        }
        long sum = sums[depth];
        long weight;
        long known = sum == 0 ? weights.get(object) : 0;
        Integer frame = known == 0 ? unfinishedFrame(object, true) : null;
        if (frame != null && frame == depth) {
            frame = null; // finished now
        }
        if (known != 0) {
            weight = known;
        } else if (frame != null && frame < depth) {
            weight = 1;
            for (int f = frame; f < depth; f++) {
                weight = HashWork.add(weight, sums[f]);
            }
        } else if ((weight = HashWork.ofLeaf(object)) > 0) {
            // a string or big number: hashing or comparing it walks its characters
        } else {
            weight = WALKS.get(object.getClass()) ? HashWork.add(1, sum) : 1;
            if (weight > 1) {
                weights.put(object, weight);
            }
        }
        if (depth > 0) {
            int parent = depth - 1;
            sums[parent] = HashWork.add(sums[parent], weight);
            if (hashing[parent]) {
                work.charge(weight);
            }
        }
    }

    /** Adds weight found outside Kryo's reads (a java-serialized block, already charged) to the current frame. */
    void addToCurrent(long weight) {
        if (depth > 0 && weight > 0) {
            sums[depth - 1] = HashWork.add(sums[depth - 1], weight);
        }
    }

    /**
     * Tells the type of the object being read in the current frame; a hash- or tree-based collection (any
     * {@code Set} or {@code Map} but the enum and identity ones, priority queues) has its elements charged as they
     * finish.
     */
    void typeOfCurrent(Class<?> type) {
        if (depth > 0 && HASHES.get(type)) {
            hashing[depth - 1] = true;
        }
    }

    /** The budget of the current decode (for java-serialized blocks inside it). */
    HashWork work() {
        return work;
    }
}
