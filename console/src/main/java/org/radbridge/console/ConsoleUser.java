package org.radbridge.console;

/** Who is signed in to the console: a token holder of the clinical view. Only an admin may act (retry, dismiss, map). */
public record ConsoleUser(String name, String role, boolean canAct) {}
