package io.github.mp4j.serializer.pickle.internal;

import io.github.mp4j.TypePolicy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.UnpickleStack;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler with every opcode that names or calls a global, builds a dict or set, or allocates from a
 * declared length taken over; the plain opcodes (numbers, strings, lists, tuples, memo, marks) stay Pyrolite's.
 *
 * <ul>
 *   <li>{@code GLOBAL}, {@code STACK_GLOBAL} and {@code INST} judge {@code module.name} with the policy before
 *       anything else happens: a refused name, or an allowed name outside {@link PlainGlobals}, stops the decode.
 *       Pyrolite's own constructor registry and its {@code ClassDict} fallback are never consulted.</li>
 *   <li>{@code REDUCE}, {@code NEWOBJ}, {@code NEWOBJ_EX} and {@code OBJ} call only a {@link PyGlobal} pushed by the
 *       above; {@code BUILD}, extension codes, persistent ids and out-of-band buffers are refused.</li>
 *   <li>Counted strings, bytes and longs are checked against the bytes left before their buffer is allocated; text
 *       numbers are limited to {@link Limits#MAX_NUMBER_DIGITS} digits.</li>
 *   <li>Dicts and sets are built through {@link Keys} (hashable keys, work budget); dicts keep insertion order.</li>
 *   <li>Integers are {@code Long} or {@code BigInteger}, never {@code Integer}.</li>
 * </ul>
 * One instance decodes one payload; not thread-safe.
 */
final class PolicyUnpickler extends Unpickler {
    private final TypePolicy policy;
    private final Keys keys;
    private ByteArrayInputStream in;
    private Object marker;

    PolicyUnpickler(TypePolicy policy, int payloadLength) {
        this.policy = policy;
        this.keys = new Keys(Limits.workBudget(payloadLength));
    }

    /** Decodes one pickle from {@code stream}, which must be a {@link ByteArrayInputStream} holding just it. */
    @Override
    public Object load(InputStream stream) throws IOException {
        in = (ByteArrayInputStream) stream;
        input = stream;
        stack = new UnpickleStack();
        stack.add_mark();
        marker = stack.pop();
        while (true) {
            short key = PickleUtils.readbyte(input);
            if (key == -1) {
                throw PickleRefusal.malformed("pickle ends without a STOP opcode");
            }
            Object value = dispatch(key);
            if (value != NO_RETURN_VALUE) {
                return value;
            }
        }
    }

    @Override
    protected Object dispatch(short key) throws IOException {
        switch (key) {
            case Opcodes.STOP:
                return ResultCheck.check(stack.pop(), marker);
            case Opcodes.GLOBAL:
                stack.add(resolve(PickleUtils.readline(input), PickleUtils.readline(input)));
                break;
            case Opcodes.STACK_GLOBAL: {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String) || !(name instanceof String)) {
                    throw PickleRefusal.malformed("STACK_GLOBAL needs two str on the stack, got "
                            + PythonNames.of(module) + " and " + PythonNames.of(name));
                }
                stack.add(resolve((String) module, (String) name));
                break;
            }
            case Opcodes.INST: {
                PyGlobal global = resolve(PickleUtils.readline(input), PickleUtils.readline(input));
                stack.add(call(global, stack.pop_all_since_marker().toArray()));
                break;
            }
            case Opcodes.OBJ: {
                List<Object> items = stack.pop_all_since_marker();
                if (items.isEmpty()) {
                    throw PickleRefusal.malformed("OBJ without a class");
                }
                stack.add(call(items.get(0), items.subList(1, items.size()).toArray()));
                break;
            }
            case Opcodes.REDUCE:
            case Opcodes.NEWOBJ: {
                Object args = stack.pop();
                Object callable = stack.pop();
                stack.add(call(callable, arguments(args)));
                break;
            }
            case Opcodes.NEWOBJ_EX: {
                Object kwargs = stack.pop();
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(kwargs instanceof Map) || !((Map<?, ?>) kwargs).isEmpty()) {
                    throw PickleRefusal.malformed("NEWOBJ_EX with keyword arguments is not supported");
                }
                stack.add(call(callable, arguments(args)));
                break;
            }
            case Opcodes.BUILD:
                throw PickleRefusal.malformed("BUILD (setting an object's state) is not supported: only plain"
                        + " data is decoded");
            case Opcodes.EXT1:
            case Opcodes.EXT2:
            case Opcodes.EXT4:
                throw PickleRefusal.malformed("extension codes (copyreg.add_extension) are not supported");
            case Opcodes.PERSID:
            case Opcodes.BINPERSID:
                throw PickleRefusal.malformed("persistent ids are not supported");
            case Opcodes.NEXT_BUFFER:
                throw PickleRefusal.malformed("out-of-band buffers (protocol 5 NEXT_BUFFER) are not supported");
            case Opcodes.INT:
                stack.add(textInt(PickleUtils.readline(input)));
                break;
            case Opcodes.LONG:
                stack.add(textLong(PickleUtils.readline(input)));
                break;
            case Opcodes.BININT:
            case Opcodes.BININT1:
            case Opcodes.BININT2:
                super.dispatch(key);
                stack.add(((Integer) stack.pop()).longValue());
                break;
            case Opcodes.LONG4: {
                byte[] data = counted(signed4(), "LONG4");
                stack.add(PickleUtils.decode_long(data));
                break;
            }
            case Opcodes.BINSTRING:
                stack.add(PickleUtils.rawStringFromBytes(counted(signed4(), "BINSTRING")));
                break;
            case Opcodes.BINUNICODE:
                stack.add(new String(counted(unsigned4(), "BINUNICODE"), StandardCharsets.UTF_8));
                break;
            case Opcodes.BINUNICODE8:
                stack.add(new String(counted(signed8(), "BINUNICODE8"), StandardCharsets.UTF_8));
                break;
            case Opcodes.BINBYTES:
                stack.add(counted(unsigned4(), "BINBYTES"));
                break;
            case Opcodes.BINBYTES8:
            case Opcodes.BYTEARRAY8:
                stack.add(counted(signed8(), key == Opcodes.BINBYTES8 ? "BINBYTES8" : "BYTEARRAY8"));
                break;
            case Opcodes.EMPTY_DICT:
                stack.add(new LinkedHashMap<>());
                break;
            case Opcodes.DICT: {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> dict = new LinkedHashMap<>();
                putAll(dict, items, "DICT");
                stack.add(dict);
                break;
            }
            case Opcodes.SETITEM: {
                Object value = stack.pop();
                Object k = stack.pop();
                keys.put(dict(stack.peek(), "SETITEM"), k, value);
                break;
            }
            case Opcodes.SETITEMS: {
                List<Object> items = stack.pop_all_since_marker();
                putAll(dict(stack.peek(), "SETITEMS"), items, "SETITEMS");
                break;
            }
            case Opcodes.EMPTY_SET:
                stack.add(new LinkedHashSet<>());
                break;
            case Opcodes.ADDITEMS: {
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.peek();
                if (!(target instanceof LinkedHashSet)) {
                    throw PickleRefusal.malformed("ADDITEMS on a " + PythonNames.of(target) + ", not a set");
                }
                @SuppressWarnings("unchecked")
                Set<Object> set = (Set<Object>) target;
                for (Object item : items) {
                    keys.add(set, item);
                }
                break;
            }
            case Opcodes.FROZENSET:
                stack.add(keys.frozenSet(stack.pop_all_since_marker()));
                break;
            default:
                return super.dispatch(key);
        }
        return NO_RETURN_VALUE;
    }

    /** Judges {@code module.name} by the policy, then looks up its plain-data mapping; nothing is loaded. */
    private PyGlobal resolve(String module, String name) {
        String qualified = module + "." + name;
        GlobalMapping mapping = PlainGlobals.get(qualified);
        if (!policy.isAllowed(mapping != null ? mapping.javaType() : qualified)) {
            throw PickleRefusal.notAllowed(qualified);
        }
        if (mapping == null) {
            throw PickleRefusal.missing(qualified);
        }
        return new PyGlobal(qualified, mapping);
    }

    private Object call(Object callable, Object[] args) {
        if (!(callable instanceof PyGlobal)) {
            throw PickleRefusal.malformed("cannot call a " + PythonNames.of(callable)
                    + ": only a global named before can be called");
        }
        return ((PyGlobal) callable).mapping().constructor().construct(args, keys);
    }

    private static Object[] arguments(Object args) {
        if (!(args instanceof Object[])) {
            throw PickleRefusal.malformed("call arguments must be a tuple, got " + PythonNames.of(args));
        }
        return (Object[]) args;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target, String opcode) {
        if (!(target instanceof LinkedHashMap)) {
            throw PickleRefusal.malformed(opcode + " on a " + PythonNames.of(target) + ", not a dict");
        }
        return (Map<Object, Object>) target;
    }

    private void putAll(Map<Object, Object> dict, List<Object> items, String opcode) {
        if (items.size() % 2 != 0) {
            throw PickleRefusal.malformed(opcode + " with an odd number of stack items: " + items.size());
        }
        for (int i = 0; i < items.size(); i += 2) {
            keys.put(dict, items.get(i), items.get(i + 1));
        }
    }

    private Object textInt(String line) {
        if ("01".equals(line)) {
            return Boolean.TRUE;
        }
        if ("00".equals(line)) {
            return Boolean.FALSE;
        }
        return parseInteger(line, "INT");
    }

    private Object textLong(String line) {
        return parseInteger(line.endsWith("L") ? line.substring(0, line.length() - 1) : line, "LONG");
    }

    private static Object parseInteger(String text, String opcode) {
        if (text.length() > Limits.MAX_NUMBER_DIGITS) {
            throw PickleRefusal.malformed(opcode + " text of " + text.length() + " characters exceeds "
                    + Limits.MAX_NUMBER_DIGITS + " digits");
        }
        try {
            return PickleUtils.optimizeBigint(new BigInteger(text.trim()));
        } catch (NumberFormatException e) {
            throw PickleRefusal.malformed(opcode + " argument is not an integer");
        }
    }

    /** Reads {@code n} bytes after checking that the payload still holds them; never allocates more. */
    private byte[] counted(long n, String opcode) throws IOException {
        int left = in.available();
        if (n < 0 || n > left) {
            throw PickleRefusal.malformed(opcode + " declares " + n + " bytes but the payload has " + left
                    + " left");
        }
        byte[] data = new byte[(int) n];
        if (in.read(data, 0, data.length) != data.length && data.length > 0) {
            throw PickleRefusal.malformed(opcode + " data ends early");
        }
        return data;
    }

    private long unsigned4() throws IOException {
        return PickleUtils.bytes_to_integer(fixed(4)) & 0xffffffffL;
    }

    private long signed4() throws IOException {
        return PickleUtils.bytes_to_integer(fixed(4));
    }

    private long signed8() throws IOException {
        return PickleUtils.bytes_to_long(fixed(8), 0);
    }

    private byte[] fixed(int n) throws IOException {
        return counted(n, "opcode argument");
    }
}
