package dev.flakegen.model;

import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;

/**
 * The name of a resource of the flake, as a value (JavaPoet's {@code ClassName} is the model):
 * made once, checked when made, then used wherever the resource is meant — where it is defined
 * ({@link Flake.Builder#addResource(ResourceName, Implementation.Builder)}), where an init sets it
 * up ({@link #fragment()}, {@link Shell#resource(ResourceName)}) and where a check tests it
 * ({@link Check#builder(ResourceName)}) — so that a misspelt use is a compile error, not a
 * string that {@link Flake.Builder#build()} finds unknown.
 *
 * <pre>{@code
 * ResourceName secretKey = ResourceName.of("secret-key");
 * ResourceName gpgHome = ResourceName.of("gpg-home");
 * Flake flake = Flake.builder()
 *     .addResource(secretKey, Implementation.builder().init(makeKey).targets("key"))
 *     .addResource(gpgHome, Implementation.builder().init(ShellScript.builder()
 *         .set("KEY", secretKey.fragment())
 *         …))
 *     .addCheck("gpg-home", Check.builder(gpgHome).expectedType(EventType.VALID))
 *     …
 * }</pre>
 *
 * <p>A resource of another resource flake, a {@link FlakeInput} of this one, has a handle too
 * ({@link #ofInput(FlakeInput, String)}, {@link FlakeInput#resource(String)}): inits and
 * programs use it exactly like a local one; {@link #input()} names the input ({@code null} for
 * this flake's own resources).
 */
public record ResourceName(String input, String name) implements Comparable<ResourceName> {

  /**
   * @throws ModelException ({@code resource name: …}, {@code input name: …}) unless {@code name}
   *     and {@code input} (when not null) are Nix identifiers usable as flake output names
   */
  public ResourceName {
    if (input != null) {
      Rules.outputName(input, "input name");
    }
    Rules.outputName(name, "resource name");
  }

  /** The resource {@code name} of this flake. */
  public ResourceName(String name) {
    this(null, name);
  }

  /** The name {@code name} of a resource of this flake; see {@link #ResourceName(String)}. */
  public static ResourceName of(String name) {
    return new ResourceName(name);
  }

  /**
   * The resource {@code name} that the flake input {@code input} offers
   * ({@code inputs.INPUT.resources.SYSTEM.NAME}); the flake must declare the input
   * ({@link Flake.Builder#input(FlakeInput)}).
   */
  public static ResourceName ofInput(FlakeInput input, String name) {
    return new ResourceName(input.name(), name);
  }

  /** Whether this is a resource of a flake input. */
  public boolean isForeign() {
    return input != null;
  }

  /**
   * The key of the resource in the library's {@code resources}: {@code NAME} for this flake's,
   * {@code INPUT/NAME} for an input's (no local name holds a {@code /}).
   */
  public String key() {
    return input == null ? name : input + "/" + name;
  }

  /** This resource set up by an init, with the library's default failure and setup. */
  public Assigned.ResourceFragment fragment() {
    return fragment(ResourceCall.DEFAULT);
  }

  /** This resource set up by an init, called as {@code call} says. */
  public Assigned.ResourceFragment fragment(ResourceCall call) {
    return new Assigned.ResourceFragment(name, call, input);
  }

  @Override
  public int compareTo(ResourceName other) {
    return key().compareTo(other.key());
  }

  @Override
  public String toString() {
    return key();
  }
}
