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
 */
public record ResourceName(String name) implements Comparable<ResourceName> {

  /**
   * @throws ModelException ({@code resource name: …}) unless {@code name} is a Nix identifier
   *     usable as a flake output name
   */
  public ResourceName {
    Rules.outputName(name, "resource name");
  }

  /** The name {@code name}; see {@link #ResourceName(String)}. */
  public static ResourceName of(String name) {
    return new ResourceName(name);
  }

  /** This resource set up by an init, with the library's default failure and setup. */
  public Assigned.ResourceFragment fragment() {
    return new Assigned.ResourceFragment(name, ResourceCall.DEFAULT);
  }

  /** This resource set up by an init, called as {@code call} says. */
  public Assigned.ResourceFragment fragment(ResourceCall call) {
    return new Assigned.ResourceFragment(name, call);
  }

  @Override
  public int compareTo(ResourceName other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
