package dev.flakegen.model;

import java.lang.reflect.InvocationTargetException;

/**
 * Finds a {@link FlakeModel} by class name and makes one: what {@code flakegen generate --model}
 * and the Maven goals do with a user's model class.
 */
public final class FlakeModelLoader {

  private FlakeModelLoader() {}

  /**
   * An instance of the public class {@code className}, found through {@code loader}, made with its
   * public no-argument constructor.
   *
   * @throws ModelLoadException when the class is missing, is not a {@link FlakeModel}, or cannot
   *     be made (the message names the class and the reason)
   * @throws ModelException when the constructor itself finds the model invalid
   */
  public static FlakeModel load(String className, ClassLoader loader) throws ModelLoadException {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new ModelLoadException("class " + className + " not found", e);
    } catch (LinkageError e) {
      throw new ModelLoadException("class " + className + " cannot be loaded: " + e, e);
    }
    if (!FlakeModel.class.isAssignableFrom(type)) {
      throw new ModelLoadException(className + " does not implement "
          + FlakeModel.class.getName(), null);
    }
    try {
      return (FlakeModel) type.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new ModelLoadException(className + " needs a public no-argument constructor ("
          + e + ")", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModelException model) {
        throw model;
      }
      throw new ModelLoadException("the constructor of " + className + " failed: " + cause,
          cause);
    }
  }
}
