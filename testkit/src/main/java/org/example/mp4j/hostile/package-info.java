/**
 * A "hostile" type for the type-policy tests: {@link org.example.mp4j.hostile.Hostile}'s static initialiser
 * records in {@link org.example.mp4j.hostile.HostileFlag} that it ran. A serializer must refuse it by name,
 * before loading, so the flag stays false.
 */
package org.example.mp4j.hostile;
