package dev.flakegen.nixdriver;

/** The {@code nix} program is not where the driver looks for it; the message says how to install it. */
public final class NixNotFoundException extends NixDriverException {

  private static final long serialVersionUID = 1L;

  /** {@code nix} was looked for in {@code where}. */
  public NixNotFoundException(String where) {
    super("nix: not found (looked in " + where + "). flakegen drives the installed Nix (2.8 or"
        + " newer). On Debian or Ubuntu: apt-get install nix-bin (scripts/prerequisites in the"
        + " flakegen repository does it); elsewhere see https://nixos.org/download. Or point"
        + " NixDriver.builder().binDirectory(…) at the folder that holds nix.");
  }
}
