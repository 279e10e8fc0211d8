//! Light interaction: user-signed actions executed in standard mode, or by a bonded executor in
//! async mode and challenged within a window.
