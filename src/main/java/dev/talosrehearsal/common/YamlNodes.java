package dev.talosrehearsal.common;

import java.util.NoSuchElementException;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * snakeyaml's node graph for a YAML text, within {@link InputLimits}: every parser of the project composes
 * through here instead of {@code Compose}, whose composer recurses once per nesting level and so turns
 * 20,000 {@code [} into a StackOverflowError. Here the events are counted on their way to the composer, and
 * a document nested deeper than {@link InputLimits#MAX_YAML_NESTING} is a marked error at the line where the
 * limit is crossed, before the composer goes that deep.
 */
public final class YamlNodes {
    private YamlNodes() {}

    /** Every document of {@code text}, composed lazily as the iterator is walked. */
    public static Iterable<Node> composeAll(LoadSettings settings, String text) {
        return () -> new Composer(settings, new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text))));
    }

    /** The single document of {@code text}, or empty for an empty text. */
    public static Optional<Node> composeOne(LoadSettings settings, String text) {
        return new Composer(settings, new DepthLimitedParser(new ParserImpl(settings, new StreamReader(settings, text)))).getSingleNode();
    }

    /**
     * The 1-based line of a parser error, or 0 when unknown. A {@link ReaderException} (a character YAML does
     * not allow, such as NUL) carries only a code-point position, turned into a line here.
     */
    public static int lineOf(YamlEngineException e, String text) {
        if (e instanceof MarkedYamlEngineException marked) {
            return YamlSource.errorLine(marked, text);
        }
        if (e instanceof ReaderException reader) {
            return lineAtCodePoint(text, reader.getPosition());
        }
        return 0;
    }

    /** One line describing a parser error, never quoting the input (it may be a secret). */
    public static String problem(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException marked && marked.getProblem() != null) {
            return firstLine(marked.getProblem());
        }
        if (e instanceof ReaderException reader) {
            return "special character U+" + String.format("%04X", reader.getCodePoint()) + " is not allowed in YAML";
        }
        return firstLine(e.getMessage());
    }

    private static int lineAtCodePoint(String text, int codePoint) {
        int end = text.offsetByCodePoints(0, Math.min(Math.max(codePoint, 0), text.codePointCount(0, text.length())));
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    /** Passes events through, refusing the one that opens a map or list deeper than the limit. */
    private static final class DepthLimitedParser implements Parser {
        private final Parser parser;
        private int depth;

        DepthLimitedParser(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            if (!parser.hasNext()) {
                throw new NoSuchElementException();
            }
            Event event = parser.next();
            switch (event.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > InputLimits.MAX_YAML_NESTING) {
                        Optional<Mark> mark = event.getStartMark();
                        throw new ComposerException("nested deeper than " + InputLimits.MAX_YAML_NESTING
                                + " levels (the limit for every YAML input)", mark);
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> { }
            }
            return event;
        }
    }
}
