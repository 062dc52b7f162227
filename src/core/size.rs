//! 企业规模 calculator: the 2017 statistical size classes from employees, revenue and assets.
