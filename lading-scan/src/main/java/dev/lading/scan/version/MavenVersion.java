package dev.lading.scan.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maven versions, ordered as Maven's {@code ComparableVersion} (maven-artifact 3.10) orders them. Any string is
 * a Maven version; parsing never fails.
 *
 * <p>A version is lower-cased and split into items: numbers, qualifiers (strings) and nested lists. A dot
 * separates items in one list; a hyphen, and every switch between digits and letters, starts a nested list,
 * which sorts below a number at the same place ({@code 1-1 < 1.1}) and above a qualifier. Qualifiers order
 * {@code alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp < unknown}, unknown ones
 * alphabetically; a single {@code a}, {@code b} or {@code m} directly followed by digits means alpha, beta or
 * milestone. Trailing zeros and release qualifiers are dropped ({@code 1.0.0 = 1 = 1-ga}), and where one list
 * is longer, the other's missing items compare like zero or the empty qualifier.
 */
public final class MavenVersion implements VersionScheme {

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final Map<String, String> ALIASES = Map.of("ga", "", "final", "", "release", "", "cr", "rc");
    private static final String RELEASE_RANK = String.valueOf(QUALIFIERS.indexOf(""));

    /** One parsed item. Comparisons between items are asymmetric in places, as Maven's are. */
    sealed interface Item permits Num, Qualifier, Items {
    }

    /**
     * A number. Maven keeps numbers in int, long or BigInteger by their length after stripping ASCII zeros
     * and orders the three kinds by kind first; for ASCII digits that is numeric order, and keeping the size
     * class reproduces Maven for the other Unicode digits that {@link Character#isDigit} admits.
     */
    record Num(int sizeClass, BigInteger value) implements Item {
        static Num of(String digits) {
            String stripped = stripAsciiZeros(digits);
            int sizeClass = stripped.length() <= 9 ? 0 : stripped.length() <= 18 ? 1 : 2;
            return new Num(sizeClass, new BigInteger(stripped));
        }
    }

    record Qualifier(String value) implements Item {
        static Qualifier of(String value, boolean followedByDigit) {
            String v = value;
            if (followedByDigit && v.length() == 1) {
                v = switch (v.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> v;
                };
            }
            return new Qualifier(ALIASES.getOrDefault(v, v));
        }

        /** A key whose string order is the qualifier order. */
        String rank() {
            int i = QUALIFIERS.indexOf(value);
            return i < 0 ? QUALIFIERS.size() + "-" + value : String.valueOf(i);
        }
    }

    /** A list of items; mutable only while parsing. */
    record Items(List<Item> items) implements Item {
        Items() {
            this(new ArrayList<>());
        }
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public boolean isValid(String version) {
        return version != null;
    }

    @Override
    public int compare(String a, String b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("a Maven version cannot be null");
        }
        return Integer.signum(compare(parse(a), parse(b)));
    }

    static Items parse(String version) {
        String v = version.toLowerCase(Locale.ENGLISH);
        Items root = new Items();
        List<Items> opened = new ArrayList<>();
        opened.add(root);
        Items list = root;
        boolean inDigits = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' || c == '-') {
                list.items().add(i == start ? Num.of("0") : item(inDigits, v.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = nest(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!inDigits && i > start) {
                    // letters then digits: the qualifier and its number each get a list of their own
                    if (!list.items().isEmpty()) {
                        list = nest(list, opened);
                    }
                    list.items().add(Qualifier.of(v.substring(start, i), true));
                    start = i;
                    list = nest(list, opened);
                }
                inDigits = true;
            } else {
                if (inDigits && i > start) {
                    list.items().add(item(true, v.substring(start, i)));
                    start = i;
                    list = nest(list, opened);
                }
                inDigits = false;
            }
        }
        if (v.length() > start) {
            // a trailing qualifier after a dot sorts like one after a hyphen: 1.0.0.x < 1.0.0-y
            if (!inDigits && !list.items().isEmpty()) {
                list = nest(list, opened);
            }
            list.items().add(item(inDigits, v.substring(start)));
        }
        // innermost lists first, so a list that normalizes to empty is gone before its parent looks at it
        for (int k = opened.size() - 1; k >= 0; k--) {
            normalize(opened.get(k).items());
        }
        return root;
    }

    private static Items nest(Items list, List<Items> opened) {
        Items child = new Items();
        list.items().add(child);
        opened.add(child);
        return child;
    }

    private static Item item(boolean digits, String text) {
        return digits ? Num.of(text) : Qualifier.of(text, false);
    }

    /** Drops null items (zero, release qualifier, empty list) from the end, looking past non-empty lists. */
    private static void normalize(List<Item> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            Item item = items.get(i);
            if (isNull(item)) {
                items.remove(i);
            } else if (!(item instanceof Items)) {
                return;
            }
        }
    }

    private static boolean isNull(Item item) {
        return switch (item) {
            case Num n -> n.value().signum() == 0;
            case Qualifier q -> q.value().isEmpty();
            case Items l -> l.items().isEmpty();
        };
    }

    /** Compares {@code a} with {@code b}, where a null {@code b} is a missing item (the other list ended). */
    static int compare(Item a, Item b) {
        return switch (a) {
            case Num n -> switch (b) {
                case null -> n.value().signum() == 0 ? 0 : 1;
                case Num m -> n.sizeClass() != m.sizeClass()
                        ? Integer.compare(n.sizeClass(), m.sizeClass())
                        : n.value().compareTo(m.value());
                case Qualifier q -> 1;
                case Items l -> 1;
            };
            case Qualifier q -> switch (b) {
                case null -> q.rank().compareTo(RELEASE_RANK);
                case Num n -> -1;
                case Qualifier r -> q.rank().compareTo(r.rank());
                case Items l -> -1;
            };
            case Items l -> switch (b) {
                case null -> {
                    for (Item item : l.items()) {
                        int r = compare(item, null);
                        if (r != 0) {
                            yield r;
                        }
                    }
                    yield 0;
                }
                case Num n -> -1;
                case Qualifier q -> 1;
                case Items m -> compareLists(l.items(), m.items());
            };
        };
    }

    private static int compareLists(List<Item> a, List<Item> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            Item x = i < a.size() ? a.get(i) : null;
            Item y = i < b.size() ? b.get(i) : null;
            int r = x == null ? (y == null ? 0 : -compare(y, null)) : compare(x, y);
            if (r != 0) {
                return r;
            }
        }
        return 0;
    }

    private static String stripAsciiZeros(String digits) {
        if (digits.isEmpty()) {
            return "0";
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0') {
                return digits.substring(i);
            }
        }
        return digits;
    }
}
