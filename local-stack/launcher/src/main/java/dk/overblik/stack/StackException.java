package dk.overblik.stack;

/** A failure the launcher explains to the user in one message, without a stack trace. */
public class StackException extends RuntimeException {
    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
