//! `pos-app`: the application engine. Every Tauri command calls one method of
//! [`Engine`], so nearly every behaviour is tested without a window.

pub mod application;
pub mod dto;
mod engine;
pub mod error;
pub mod form;
pub mod secrets;
pub mod settings;

pub use engine::{Engine, EngineConfig};
pub use error::{AppError, AppResult};
