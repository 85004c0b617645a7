package org.redflag.console.ui.history;

import java.time.LocalDate;
import java.time.LocalTime;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;

/**
 * The range's inputs: a date picker that shows and reads dates as the console shows them (ISO, not the
 * locale's M/D/Y) and a small time-of-day field beside it. Both hand the typed text to the range, which reads
 * it without throwing: the default converter threw on each commit (Enter, then the focus leaving), and each
 * throw reached the uncaught handler as its own history row with a stack trace.
 */
final class DateFields {

    /** Marks a field whose text was not read, so it does not look like a filter that is applied. */
    static final String INVALID = "invalid";
    private static final String INVALID_LOOK = "-fx-border-color: -color-danger-emphasis; -fx-border-width: 1.5;";

    private DateFields() {
    }

    static DatePicker picker(String id, String prompt, HistoryDateRange range, HistoryDateRange.Side side) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPromptText(prompt);
        picker.setPrefWidth(150);
        picker.setTooltip(new Tooltip("2026-11-20, 2026-11-20 14:30, or the locale's short date"));
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate date) {
                if (date != null) {
                    return DateTimeInput.ISO_DATE.format(date);
                }
                // The rejected text stays in the field (marked invalid) rather than vanishing unexplained.
                HistoryDateRange.Rejection rejected = range.rejectedProperty(side).get();
                return rejected != null && !rejected.inTimeField() ? rejected.input() : "";
            }

            @Override
            public LocalDate fromString(String text) {
                range.typeDate(side, text == null ? "" : text);
                HistoryDateRange.Rejection rejected = range.rejectedProperty(side).get();
                if (rejected != null && !rejected.inTimeField()) {
                    // The picker empties its editor whenever its value is null, after this returns; the
                    // typed text is put back so the field shows what was not read, marked invalid.
                    Platform.runLater(() -> {
                        if (rejected.equals(range.rejectedProperty(side).get())) {
                            picker.getEditor().setText(rejected.input());
                        }
                    });
                }
                return range.date(side).get();
            }
        });
        // An emptied field with a null value is not read by the picker at all, so the rejection is cleared here.
        Runnable emptied = () -> {
            if (picker.getEditor().getText().isBlank()) {
                range.typeDate(side, "");
            }
        };
        picker.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                emptied.run();
            }
        });
        picker.getEditor().focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                emptied.run();
            }
        });
        range.rejectedProperty(side).addListener((obs, old, rejected) ->
                markInvalid(picker, rejected != null && !rejected.inTimeField()));
        return picker;
    }

    static TextField timeField(String id, HistoryDateRange range, HistoryDateRange.Side side) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText("HH:mm");
        field.setPrefColumnCount(4);
        field.setTooltip(new Tooltip("Time of day (24 h); empty for the whole day"));
        Runnable commit = () -> range.typeTime(side, field.getText());
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                commit.run();
            }
        });
        range.time(side).addListener((obs, old, time) -> field.setText(format(time)));
        // Without a date a time of day means nothing, so it cannot be typed until there is one.
        field.disableProperty().bind(range.date(side).isNull());
        range.rejectedProperty(side).addListener((obs, old, rejected) ->
                markInvalid(field, rejected != null && rejected.inTimeField()));
        return field;
    }

    private static String format(LocalTime time) {
        return time == null ? "" : DateTimeInput.TIME.format(time);
    }

    private static void markInvalid(Node node, boolean invalid) {
        node.getStyleClass().remove(INVALID);
        if (invalid) {
            node.getStyleClass().add(INVALID);
        }
        node.setStyle(invalid ? INVALID_LOOK : "");
    }
}
