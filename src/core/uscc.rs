//! 统一社会信用代码 (GB 32100-2015): structure, check characters, division and category.
