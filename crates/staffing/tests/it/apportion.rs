//! apportion
