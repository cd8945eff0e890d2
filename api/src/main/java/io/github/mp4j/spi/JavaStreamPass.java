package io.github.mp4j.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * One pass of {@link JavaStreamWork} over one serialized stream: a reader of the stream grammar (objects, arrays,
 * strings, enums, class descriptors, block data, back-references) that charges a {@link HashWork} budget as it goes,
 * without loading any class. The stream constants are those of {@code java.io.ObjectStreamConstants}.
 */
final class JavaStreamPass {
    private static final int TC_NULL = 0x70;
    private static final int TC_REFERENCE = 0x71;
    private static final int TC_CLASSDESC = 0x72;
    private static final int TC_OBJECT = 0x73;
    private static final int TC_STRING = 0x74;
    private static final int TC_ARRAY = 0x75;
    private static final int TC_CLASS = 0x76;
    private static final int TC_BLOCKDATA = 0x77;
    private static final int TC_ENDBLOCKDATA = 0x78;
    private static final int TC_RESET = 0x79;
    private static final int TC_BLOCKDATALONG = 0x7A;
    private static final int TC_EXCEPTION = 0x7B;
    private static final int TC_LONGSTRING = 0x7C;
    private static final int TC_PROXYCLASSDESC = 0x7D;
    private static final int TC_ENUM = 0x7E;
    private static final int BASE_HANDLE = 0x7E0000;
    private static final int SC_WRITE_METHOD = 0x01;
    private static final int SC_SERIALIZABLE = 0x02;
    private static final int SC_EXTERNALIZABLE = 0x04;
    private static final int SC_BLOCK_DATA = 0x08;
    private static final long IN_PROGRESS = -1;

    /** JDK classes whose {@code readObject} inserts what it reads into a hash- or tree-based structure. */
    static final Set<String> HASHING = Set.of(
            "java.util.HashMap", "java.util.HashSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet",
            "java.util.Hashtable", "java.util.Properties", "java.util.TreeMap", "java.util.TreeSet",
            "java.util.PriorityQueue", "java.util.CollSer", "java.util.concurrent.ConcurrentHashMap",
            "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
            "java.util.concurrent.CopyOnWriteArraySet", "java.util.concurrent.PriorityBlockingQueue");

    /** The pass cannot follow the stream any further; the deserializer will report why. */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Stop INSTANCE = new Stop();

        private Stop() {
            super(null, null, false, false);
        }
    }

    /** A class descriptor as far as the pass needs it. */
    static final class Desc {
        final String name;
        final int flags;
        final int primitiveBytes;
        final int objectFields;
        final boolean hashing;
        Desc superDesc;

        Desc(String name, int flags, int primitiveBytes, int objectFields) {
            this.name = name;
            this.flags = flags;
            this.primitiveBytes = primitiveBytes;
            this.objectFields = objectFields;
            this.hashing = HASHING.contains(name) || (!name.startsWith("java.")
                    && (flags & (SC_WRITE_METHOD | SC_EXTERNALIZABLE)) != 0);
        }
    }

    private final byte[] b;
    private final int end;
    private final HashWork work;
    private final long maxDepth;
    private int pos;
    private long depth;
    /** Per handle: the weight of a finished object, {@link #IN_PROGRESS}, or 1 for descriptors. */
    private long[] weights = new long[64];
    private Desc[] descs = new Desc[64];
    private int handles;
    /** The objects and arrays being read, outermost first, and the weight each has gathered so far. */
    private int[] openHandles = new int[32];
    private long[] openWeights = new long[32];
    private int open;

    JavaStreamPass(byte[] b, int pos, int end, HashWork work, long maxDepth) {
        this.b = b;
        this.pos = pos;
        this.end = end;
        this.work = work;
        this.maxDepth = maxDepth;
    }

    /** One object-valued item (what {@code ObjectInputStream.readObject0} reads); returns its weight. */
    long content() {
        if (++depth > maxDepth) {
            throw Stop.INSTANCE;
        }
        try {
            while (true) {
                int tc = u1();
                switch (tc) {
                    case TC_NULL:
                        return 0;
                    case TC_REFERENCE:
                        return weightOf(handle());
                    case TC_OBJECT:
                        return object();
                    case TC_STRING: {
                        int n = u2();
                        skip(n);
                        return assign(HashWork.ofChars(n), null);
                    }
                    case TC_LONGSTRING: {
                        long n = s8();
                        skip(n);
                        return assign(HashWork.ofChars(n), null);
                    }
                    case TC_ARRAY:
                        return array();
                    case TC_ENUM:
                        requireDesc();
                        assign(1, null);
                        content();
                        return 1;
                    case TC_CLASS:
                        requireDesc();
                        return assign(1, null);
                    case TC_CLASSDESC:
                    case TC_PROXYCLASSDESC:
                        pos--;
                        desc();
                        return 1;
                    case TC_RESET:
                        handles = 0;
                        continue;
                    case TC_EXCEPTION:
                        handles = 0;
                        content();
                        throw Stop.INSTANCE;
                    default:
                        throw Stop.INSTANCE;
                }
            }
        } finally {
            depth--;
        }
    }

    private long object() {
        Desc desc = requireDesc();
        int handle = handles;
        assign(IN_PROGRESS, null);
        Desc[] chain = new Desc[8];
        int n = 0;
        boolean hashing = false;
        for (Desc d = desc; d != null; d = d.superDesc) {
            if (n == chain.length) {
                chain = Arrays.copyOf(chain, n * 2);
            }
            chain[n++] = d;
            hashing |= d.hashing;
        }
        int slot = push(handle);
        for (int i = n - 1; i >= 0; i--) {
            Desc d = chain[i];
            if ((d.flags & SC_EXTERNALIZABLE) != 0) {
                if ((d.flags & SC_BLOCK_DATA) == 0) {
                    throw new JavaStreamWork.Unfollowable("externalizable class " + d.name + " is written in stream protocol 1,"
                            + " whose data cannot be followed without running the class's code");
                }
                annotation(hashing, slot);
            } else if ((d.flags & SC_SERIALIZABLE) != 0) {
                skip(d.primitiveBytes);
                for (int f = 0; f < d.objectFields; f++) {
                    gather(slot, child(hashing));
                }
                if ((d.flags & SC_WRITE_METHOD) != 0) {
                    annotation(hashing, slot);
                }
            }
        }
        return pop(slot, handle);
    }

    private long array() {
        Desc desc = requireDesc();
        int handle = handles;
        assign(IN_PROGRESS, null);
        int size = s4();
        if (size < 0 || desc.name.length() < 2) {
            throw Stop.INSTANCE;
        }
        int slot = push(handle);
        int each = primitiveSize(desc.name.charAt(1));
        if (each > 0) {
            skip((long) size * each);
            gather(slot, size);
        } else {
            for (int i = 0; i < size; i++) {
                gather(slot, content());
            }
        }
        return pop(slot, handle);
    }

    /** Opens the object or array with {@code handle}: weight 1 so far. Returns its slot on the open stack. */
    private int push(int handle) {
        if (open == openHandles.length) {
            openHandles = Arrays.copyOf(openHandles, open * 2);
            openWeights = Arrays.copyOf(openWeights, open * 2);
        }
        openHandles[open] = handle;
        openWeights[open] = 1;
        return open++;
    }

    private void gather(int slot, long weight) {
        openWeights[slot] = HashWork.add(openWeights[slot], weight);
    }

    /** Closes the object or array in {@code slot}: its weight is final. */
    private long pop(int slot, int handle) {
        long weight = openWeights[slot];
        open = slot;
        weights[handle] = weight;
        return weight;
    }

    /**
     * Class annotation or custom data: block data and objects up to {@code TC_ENDBLOCKDATA}; the objects add to the
     * weight of the object in {@code slot} as they are read (a class annotation, {@code slot} -1, to none).
     */
    private void annotation(boolean hashing, int slot) {
        while (true) {
            int tc = b[checkedPos(1)] & 0xFF;
            if (tc == TC_ENDBLOCKDATA) {
                pos++;
                return;
            } else if (tc == TC_BLOCKDATA) {
                pos++;
                skip(u1());
            } else if (tc == TC_BLOCKDATALONG) {
                pos++;
                int n = s4();
                if (n < 0) {
                    throw Stop.INSTANCE;
                }
                skip(n);
            } else {
                long weight = child(hashing);
                if (slot >= 0) {
                    gather(slot, weight);
                }
            }
        }
    }

    private long child(boolean hashing) {
        long weight = content();
        if (hashing && weight > 0) {
            work.charge(weight);
        }
        return weight;
    }

    private Desc requireDesc() {
        Desc d = desc();
        if (d == null) {
            throw Stop.INSTANCE;
        }
        return d;
    }

    /** {@code classDesc}: a new (proxy) class descriptor, a reference to one, or null. */
    private Desc desc() {
        int tc = u1();
        switch (tc) {
            case TC_NULL:
                return null;
            case TC_REFERENCE: {
                int h = handle();
                if (descs[h] == null) {
                    throw Stop.INSTANCE;
                }
                return descs[h];
            }
            case TC_CLASSDESC: {
                String name = utf();
                skip(8);
                int handle = handles;
                assign(1, null);
                int flags = u1();
                int fields = u2();
                int primitiveBytes = 0;
                int objectFields = 0;
                for (int i = 0; i < fields; i++) {
                    int code = u1();
                    skip(u2());
                    int size = primitiveSize(code);
                    if (size > 0) {
                        primitiveBytes += size;
                    } else if (code == 'L' || code == '[') {
                        objectFields++;
                        typeString();
                    } else {
                        throw Stop.INSTANCE;
                    }
                }
                Desc d = new Desc(name, flags, primitiveBytes, objectFields);
                descs[handle] = d;
                annotation(false, -1);
                d.superDesc = desc();
                return d;
            }
            case TC_PROXYCLASSDESC: {
                int handle = handles;
                assign(1, null);
                int count = s4();
                if (count < 0) {
                    throw Stop.INSTANCE;
                }
                for (int i = 0; i < count; i++) {
                    skip(u2());
                }
                Desc d = new Desc("java.lang.reflect.Proxy$", SC_SERIALIZABLE, 0, 0);
                descs[handle] = d;
                annotation(false, -1);
                d.superDesc = desc();
                return d;
            }
            default:
                throw Stop.INSTANCE;
        }
    }

    /** A field's type name: a string or a reference to one (not counted as nesting). */
    private void typeString() {
        int tc = u1();
        if (tc == TC_STRING) {
            skip(u2());
            assign(1, null);
        } else if (tc == TC_LONGSTRING) {
            skip(s8());
            assign(1, null);
        } else if (tc == TC_REFERENCE) {
            handle();
        } else if (tc != TC_NULL) {
            throw Stop.INSTANCE;
        }
    }

    /**
     * The weight a back-reference brings. An object still being read (a cycle) already holds what was read into
     * it, and {@code readObject} methods insert as they read, so hashing it now visits up to what it and every
     * object opened inside it gathered so far.
     */
    private long weightOf(int handle) {
        long w = weights[handle];
        if (w != IN_PROGRESS) {
            return w;
        }
        long sum = 1;
        for (int i = open - 1; i >= 0; i--) {
            sum = HashWork.add(sum, openWeights[i]);
            if (openHandles[i] == handle) {
                return sum;
            }
        }
        return 1;
    }

    private int handle() {
        int h = s4() - BASE_HANDLE;
        if (h < 0 || h >= handles) {
            throw Stop.INSTANCE;
        }
        return h;
    }

    private long assign(long weight, Desc desc) {
        if (handles == weights.length) {
            weights = Arrays.copyOf(weights, handles * 2);
            descs = Arrays.copyOf(descs, handles * 2);
        }
        weights[handles] = weight;
        descs[handles] = desc;
        handles++;
        return weight;
    }

    private static int primitiveSize(int code) {
        switch (code) {
            case 'B': case 'Z': return 1;
            case 'C': case 'S': return 2;
            case 'I': case 'F': return 4;
            case 'J': case 'D': return 8;
            default: return 0;
        }
    }

    private String utf() {
        int n = u2();
        int at = checkedPos(n);
        pos += n;
        return new String(b, at, n, StandardCharsets.UTF_8);
    }

    private int checkedPos(long n) {
        if (n < 0 || n > end - pos) {
            throw Stop.INSTANCE;
        }
        return pos;
    }

    void skip(long n) {
        checkedPos(n);
        pos += (int) n;
    }

    private int u1() {
        int at = checkedPos(1);
        pos++;
        return b[at] & 0xFF;
    }

    private int u2() {
        return (u1() << 8) | u1();
    }

    private int s4() {
        return (u2() << 16) | u2();
    }

    private long s8() {
        return ((long) s4() << 32) | (s4() & 0xFFFFFFFFL);
    }
}
