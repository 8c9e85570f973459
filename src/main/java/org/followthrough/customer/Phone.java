package org.followthrough.customer;

public record Phone(String number, String label) {}
