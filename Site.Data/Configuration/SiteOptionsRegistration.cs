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
            .BindConfiguration(sectionPath)
            .ValidateOnStart();
    }

    private sealed class SiteOptionsValidator<T>(IConfiguration configuration, string sectionPath) : IValidateOptions<T>
        where T : class, ISiteOptions
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = UnknownKeys(configuration.GetSection(sectionPath), typeof(T))
                .Select(path => $"{path} is not a known setting; check its spelling.")
                .Concat(options.Validate(sectionPath))
                .ToList();
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    /// <summary>Full paths of keys under <paramref name="section"/> that no property of <paramref name="type"/> takes.</summary>
    internal static IEnumerable<string> UnknownKeys(IConfigurationSection section, Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                yield return child.Path;
                continue;
            }

            var propertyType = property.PropertyType;
            // A dictionary's keys are the settings' own data (queue names, say), so any key is known.
            var isDictionary = propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>);
            if (propertyType.IsClass && propertyType != typeof(string) && !isDictionary)
            {
                foreach (var nested in UnknownKeys(child, propertyType))
                {
                    yield return nested;
                }
            }
        }
    }
}
