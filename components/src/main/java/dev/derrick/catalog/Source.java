package dev.derrick.catalog;

/** Where a catalog figure comes from and when it was valid. */
public record Source(String id, String title, String url, String date, String note) {
}
