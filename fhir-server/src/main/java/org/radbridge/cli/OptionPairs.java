package org.radbridge.cli;

/**
 * The bench commands take their options as {@code --name value} pairs. A lone last word (a typo, or {@code --help})
 * used to fall out of the pair loop unread, so the command ran a long benchmark with its defaults instead of saying
 * what it takes: a command asks here first and refuses.
 */
final class OptionPairs {

    private OptionPairs() {
    }

    /**
     * Whether every option from {@code from} on has its value; if not, says on stderr which one has none.
     */
    static boolean complete(String[] args, int from) {
        if ((args.length - from) % 2 == 0) return true;
        System.err.println("option " + args[args.length - 1] + " has no value (options are --name value pairs)");
        return false;
    }
}
