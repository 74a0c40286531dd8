package io.leadscorer.model.predict;

/** A batch could not be scored (the native forward pass or tokenization failed); the message names the model. */
public class PredictionException extends RuntimeException {

    public PredictionException(String message, Throwable cause) {
        super(message, cause);
    }
}
