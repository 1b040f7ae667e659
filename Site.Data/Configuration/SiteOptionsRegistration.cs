using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Site.Data.Configuration;

/// <summary>Binds a settings section, refuses unknown keys and bad values, and checks it when the host starts.</summary>
public static class SiteOptionsRegistration
{
    public static OptionsBuilder<T> AddSiteOptions<T>(this IServiceCollection services, string sectionPath)
        where T : class, ISiteOptions
    {
        services.AddSingleton<IValidateOptions<T>>(sp =>
            new SiteOptionsValidator<T>(sp.GetRequiredService<IConfiguration>(), sectionPath));
        return services.AddOptions<T>()
            .Configure<IConfiguration>((_, configuration) => RefuseUnbindableValues<T>(configuration.GetSection(sectionPath)))
            .BindConfiguration(sectionPath)
            .ValidateOnStart();
    }

    /// <summary>
    /// Runs before binding: the binder's own error for an unknown enum value names the setting but not the values it
    /// takes, so the operator would have to read the source to fix it.
    /// </summary>
    private static void RefuseUnbindableValues<T>(IConfigurationSection section)
    {
        var problems = Problems(section, typeof(T)).ToList();
        if (problems.Any(p => p.StopsBinding))
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), problems.Select(p => p.Message));
        }
    }

    private sealed class SiteOptionsValidator<T>(IConfiguration configuration, string sectionPath) : IValidateOptions<T>
        where T : class, ISiteOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = Problems(configuration.GetSection(sectionPath), typeof(T))
                .Select(p => p.Message)
                .Concat(options.Validate(sectionPath))
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    private sealed record SettingProblem(string Message, bool StopsBinding);

    /// <summary>Keys under <paramref name="section"/> that no property of <paramref name="type"/> takes, and enum settings with a value the enum lacks.</summary>
    private static IEnumerable<SettingProblem> Problems(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return Unknown(child);
                continue;
            }

            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(string) || !propertyType.IsClass)
            {
                // A key below a plain value (Site__Storage__LocalPath__Path) would be dropped silently by the binder.
                foreach (var nested in child.GetChildren())
                {
                    yield return Unknown(nested);
                }

                if (propertyType.IsEnum && !string.IsNullOrEmpty(child.Value)
                    && !(Enum.TryParse(propertyType, child.Value, ignoreCase: true, out var parsed) && Enum.IsDefined(propertyType, parsed)))
                {
                    yield return new SettingProblem(
                        $"{child.Path} must be one of {string.Join(", ", Enum.GetNames(propertyType))}, not '{child.Value}'.", StopsBinding: true);
                }
            }
            else if (!typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var nested in Problems(child, propertyType))
                {
                    yield return nested;
                }
            }
        }
    }

    private static SettingProblem Unknown(IConfigurationSection key) =>
        new($"{key.Path} is not a known setting; check its spelling.", StopsBinding: false);
}
