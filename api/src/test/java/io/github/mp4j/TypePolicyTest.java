package io.github.mp4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypePolicyTest {

    @Test
    void defaultsAllowJdkValueTypesAndTheirArrays() {
        TypePolicy p = TypePolicy.defaults();
        assertThat(p.isAllowed("java.lang.String")).isTrue();
        assertThat(p.isAllowed("java.lang.Integer")).isTrue();
        assertThat(p.isAllowed("java.util.ArrayList")).isTrue();
        assertThat(p.isAllowed("java.util.ImmutableCollections$ListN")).isTrue();
        assertThat(p.isAllowed("java.time.Instant")).isTrue();
        assertThat(p.isAllowed("[Ljava.lang.String;")).isTrue();
        assertThat(p.isAllowed("[[I")).isTrue();
        assertThat(p.isAllowed("int")).isTrue();
    }

    @Test
    void defaultsRefuseApplicationAndGadgetTypes() {
        TypePolicy p = TypePolicy.defaults();
        assertThat(p.isAllowed("com.example.Order")).isFalse();
        assertThat(p.isAllowed("[Lcom.example.Order;")).isFalse();
        assertThat(p.isAllowed("org.apache.commons.collections.functors.InvokerTransformer")).isFalse();
        assertThat(p.isAllowed("java.lang.Runtime")).isFalse();
        assertThat(p.isAllowed("javax.management.BadAttributeValueExpException")).isFalse();
    }

    @Test
    void allowPackagesCoversSubpackagesButNotPrefixLookalikes() {
        TypePolicy p = TypePolicy.defaults().allowPackages("com.example");
        assertThat(p.isAllowed("com.example.Order")).isTrue();
        assertThat(p.isAllowed("com.example.deep.Line$Item")).isTrue();
        assertThat(p.isAllowed("com.examplex.Order")).isFalse();
        assertThat(TypePolicy.defaults().isAllowed("com.example.Order")).as("original unchanged").isFalse();
    }

    @Test
    void allowClassesNamesExactTypes() {
        TypePolicy p = TypePolicy.defaults().allowClasses("com.example.Order").allowClasses(TypePolicyTest.class);
        assertThat(p.isAllowed("com.example.Order")).isTrue();
        assertThat(p.isAllowed("com.example.Other")).isFalse();
        assertThat(p.isAllowed(TypePolicyTest.class.getName())).isTrue();
    }

    @Test
    void defaultsAllowMp4jHandlesButNotOtherMp4jClasses() {
        TypePolicy p = TypePolicy.defaults();
        assertThat(p.isAllowed("io.github.mp4j.pipe.internal.share.PipeEndHandle")).isTrue();
        assertThat(p.isAllowed("io.github.mp4j.TypePolicy")).isTrue();
        assertThat(p.isAllowed("io.github.mp4j.examples.Order")).isFalse();
        assertThat(p.isAllowed("io.github.mp4j.pipe.internal.share.deeper.Gadget")).isFalse();
        assertThat(p.isAllowed("com.evil.internal.share.Gadget")).isFalse();
    }

    @Test
    void allowAllAllowsEverything() {
        assertThat(TypePolicy.allowAll().isAllowed("org.evil.Gadget")).isTrue();
    }

    @Test
    void badPackageNamesAreRefusedWithTheName() {
        assertThatThrownBy(() -> TypePolicy.defaults().allowPackages("com.example."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("package name must be non-empty without a trailing dot: 'com.example.'");
    }

    @Test
    void toStringShowsHowThePolicyWasBuilt() {
        assertThat(TypePolicy.defaults().allowPackages("a.b").toString())
                .isEqualTo("TypePolicy.defaults().allowPackages(a.b)");
    }

    @Test
    void intersectAllowsOnlyWhatBothAllowAndNeverWidens() {
        TypePolicy mine = TypePolicy.defaults().allowPackages("com.example").allowClasses("org.other.One");
        TypePolicy theirs = TypePolicy.defaults().allowPackages("com.example.deep", "org.other");
        TypePolicy both = mine.intersect(theirs);
        assertThat(both.isAllowed("com.example.deep.Line")).isTrue();
        assertThat(both.isAllowed("com.example.Order")).isFalse();
        assertThat(both.isAllowed("org.other.One")).isTrue();
        assertThat(both.isAllowed("org.other.Two")).isFalse();
        assertThat(both.isAllowed("java.lang.String")).isTrue();
        assertThat(both.isAllowed("io.github.mp4j.pipe.internal.share.PipeEndHandle")).isTrue();
        assertThat(both).isEqualTo(theirs.intersect(mine));
    }

    @Test
    void intersectWithAllowAllIsTheOtherPolicyItself() {
        TypePolicy mine = TypePolicy.defaults().allowPackages("com.example");
        assertThat(mine.intersect(TypePolicy.allowAll())).isSameAs(mine);
        assertThat(TypePolicy.allowAll().intersect(mine)).isSameAs(mine);
        assertThat(TypePolicy.allowAll().intersect(mine).isAllowed("org.evil.Gadget")).isFalse();
        assertThat(TypePolicy.defaults().intersect(mine)).isSameAs(TypePolicy.defaults());
    }

    @Test
    void policyReadFromAStreamIsRebuiltAndAllowAllStaysTheSingleton() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(TypePolicy.allowAll());
            out.writeObject(TypePolicy.defaults().allowPackages("com.example"));
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isSameAs(TypePolicy.allowAll());
            assertThat(in.readObject()).isEqualTo(TypePolicy.defaults().allowPackages("com.example"));
        }
    }
}
